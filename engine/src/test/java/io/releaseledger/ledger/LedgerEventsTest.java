package io.releaseledger.ledger;

import static io.releaseledger.ledger.LedgerFixture.ALICE;
import static io.releaseledger.ledger.LedgerFixture.BOB;
import static io.releaseledger.ledger.LedgerFixture.BUILD_212;
import static io.releaseledger.ledger.LedgerFixture.BUILD_213;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read API over the verified journal, and the atomic takeover of a stale lock. */
class LedgerEventsTest {
    @TempDir
    Path root;

    private static EventDraft deployed(final String environment, final String version) {
        return new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ALICE, BUILD_212).setEnvironment(environment)
                .setData(Map.of("deploymentId", "d-" + version, "version", version));
    }

    @Test
    void shouldReadTheEventsOfOneEnvironmentOrAllInOrderIncludingWhatOtherProcessesAppended() {
        try (Ledger ledger = Ledger.open(root, "shop"); Ledger other = Ledger.open(root, "shop")) {
            ledger.append(deployed("staging", "1.0.0"));
            ledger.append(deployed("production", "1.0.0"));
            other.append(new EventDraft(EventTypes.RELEASE_MARKED_BAD, BOB, BUILD_213)
                    .setData(Map.of("version", "1.0.0", "reason", "broken")));
            other.append(deployed("staging", "1.1.0"));

            assertThat(ledger.events("staging")).extracting(event -> event.getData().get("version"))
                    .containsExactly("1.0.0", "1.1.0");
            assertThat(ledger.events(null)).extracting(LedgerEvent::getType).containsExactly(
                    EventTypes.DEPLOYMENT_SUCCEEDED, EventTypes.DEPLOYMENT_SUCCEEDED, EventTypes.RELEASE_MARKED_BAD,
                    EventTypes.DEPLOYMENT_SUCCEEDED);
            assertThat(ledger.events(null)).extracting(LedgerEvent::getSequence).containsExactly(1L, 2L, 3L, 4L);
            assertThat(ledger.events("nowhere")).isEmpty();
        }
    }

    @Test
    void shouldRefuseToAnswerFromAJournalEditedAfterItWasRead() throws Exception {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            ledger.append(deployed("staging", "1.0.0"));
            ledger.append(deployed("staging", "1.1.0"));
            Path journal = ledger.getDirectory().resolve("events.jsonl");
            String text = Files.readString(journal, StandardCharsets.US_ASCII);
            Files.writeString(journal, text.replace("\"1.0.0\"", "\"9.0.0\""), StandardCharsets.US_ASCII);

            assertThatThrownBy(() -> ledger.events("staging")).isInstanceOf(ReleaseLedgerException.class)
                    .hasMessageContaining("damaged at sequence 1").hasMessageContaining("edited");
        }
    }

    @Test
    void shouldLetExactlyOneOfManyTakeOverTheSameStaleLock() throws Exception {
        String stale;
        try (Ledger ledger = Ledger.open(root, "shop")) {
            stale = ledger.lock("production", "1.4.0", "deploy (pid 1 on gone)", ALICE, BUILD_212).getLockId();
        }
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LockResult>> results = new ArrayList<>();
        List<Ledger> ledgers = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                Ledger ledger = Ledger.open(root, "shop");
                ledgers.add(ledger);
                Callable<LockResult> takeOver = () -> {
                    start.await();
                    return ledger.takeOver("production", stale, "1.5.0", "deploy", BOB, BUILD_213);
                };
                results.add(pool.submit(takeOver));
            }
            start.countDown();
            List<LockResult> outcomes = new ArrayList<>();
            for (Future<LockResult> result : results) {
                outcomes.add(result.get());
            }

            assertThat(outcomes).filteredOn(LockResult::isAcquired).hasSize(1);
            assertThat(outcomes).filteredOn(result -> !result.isAcquired())
                    .allSatisfy(refused -> assertThat(refused.getHeldBy()).containsEntry("version", "1.5.0"));
            List<LedgerEvent> events = ledgers.get(0).events("production");
            assertThat(events).extracting(LedgerEvent::getType).containsExactly(EventTypes.ENVIRONMENT_LOCKED,
                    EventTypes.ENVIRONMENT_UNLOCKED, EventTypes.ENVIRONMENT_LOCKED);
            assertThat(events.get(1).getData()).containsEntry("lockId", stale);
            assertThat(ledgers.get(0).verify().isIntact()).isTrue();
        } finally {
            pool.shutdownNow();
            ledgers.forEach(Ledger::close);
        }
    }

    @Test
    void shouldRefuseATakeOverOfALockThatIsNoLongerHeld() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            String stale = ledger.lock("production", "1.4.0", "deploy", ALICE, BUILD_212).getLockId();
            ledger.unlock("production", stale, ALICE, BUILD_212);

            LockResult result = ledger.takeOver("production", stale, "1.5.0", "deploy", BOB, BUILD_213);

            assertThat(result.isAcquired()).isFalse();
            assertThat(result.getHeldBy()).isEmpty();
            assertThat(ledger.events("production")).hasSize(2);
        }
    }
}
