package io.releaseledger.ledger;

import static io.releaseledger.ledger.LedgerFixture.ALICE;
import static io.releaseledger.ledger.LedgerFixture.BUILD_212;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build aborted (or timed out) while it records interrupts the thread inside the ledger: the ledger must go on
 * working, for that thread's own unlock as for every other user, and lose or repeat no event.
 */
class LedgerInterruptTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 40;
    private static final int PER_ROUND = 5;

    @TempDir
    Path root;

    @Test
    void shouldRecordAndUnlockOnAThreadWhoseInterruptFlagIsSet() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LockResult lock = ledger.lock("staging", "1.5.0", "deploy", ALICE, BUILD_212);

            Thread.currentThread().interrupt();
            try {
                ledger.append(event("outcome"));
                ledger.unlock("staging", lock.getLockId(), ALICE, BUILD_212);
                assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
            } finally {
                Thread.interrupted();
            }

            assertThat(ledger.verify().isIntact()).isTrue();
            assertThat(ledger.lock("staging", "1.6.0", "deploy", ALICE, BUILD_212).isAcquired()).isTrue();
            assertThat(ledger.events("staging")).extracting(LedgerEvent::getType).containsExactly(
                    EventTypes.ENVIRONMENT_LOCKED, EventTypes.DEPLOYMENT_SUCCEEDED, EventTypes.ENVIRONMENT_UNLOCKED,
                    EventTypes.ENVIRONMENT_LOCKED);
        }
    }

    @Test
    void shouldLoseAndRepeatNoEventWhileAppendersAreInterruptedAgainAndAgain() throws Exception {
        Set<String> recorded = ConcurrentHashMap.newKeySet();
        List<String> failures = new ArrayList<>();
        try (Ledger ledger = Ledger.open(root, "shop")) {
            for (int round = 0; round < ROUNDS; round++) {
                List<Thread> appenders = new ArrayList<>();
                CountDownLatch started = new CountDownLatch(THREADS);
                AtomicBoolean failed = new AtomicBoolean();
                for (int t = 0; t < THREADS; t++) {
                    String prefix = round + "-" + t + "-";
                    Thread appender = new Thread(() -> {
                        started.countDown();
                        for (int i = 0; i < PER_ROUND; i++) {
                            try {
                                ledger.append(event(prefix + i));
                                recorded.add(prefix + i);
                            } catch (RuntimeException e) {
                                failed.set(true);
                                synchronized (failures) {
                                    failures.add(prefix + i + ": " + e);
                                }
                            }
                        }
                    });
                    appenders.add(appender);
                    appender.start();
                }
                assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
                for (int i = 0; i < PER_ROUND; i++) {
                    appenders.forEach(Thread::interrupt);
                    Thread.yield();
                }
                for (Thread appender : appenders) {
                    appender.join(TimeUnit.SECONDS.toMillis(60));
                    assertThat(appender.isAlive()).isFalse();
                }
            }

            assertThat(failures).isEmpty();
            LockResult lock = ledger.lock("staging", "1.5.0", "deploy", ALICE, BUILD_212);
            assertThat(lock.isAcquired()).isTrue();
            ledger.append(event("after"));
            ledger.unlock("staging", lock.getLockId(), ALICE, BUILD_212);
            assertThat(ledger.verify().isIntact()).isTrue();

            Set<String> inJournal = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            for (LedgerEvent event : ledger.events("staging")) {
                Object id = event.getData().get("deploymentId");
                if (id != null && !"after".equals(id) && !inJournal.add((String) id)) {
                    duplicates.add((String) id);
                }
            }
            assertThat(duplicates).isEmpty();
            assertThat(inJournal).isEqualTo(recorded).hasSize(ROUNDS * THREADS * PER_ROUND);
        }
        try (Ledger reopened = Ledger.open(root, "shop")) {
            assertThat(reopened.verify().isIntact()).isTrue();
        }
    }

    private static EventDraft event(final String id) {
        return new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ALICE, BUILD_212).setEnvironment("staging")
                .setData(Map.of("deploymentId", id, "version", "1.5.0"));
    }
}
