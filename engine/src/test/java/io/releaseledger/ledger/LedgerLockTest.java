package io.releaseledger.ledger;

import static io.releaseledger.ledger.LedgerFixture.ALICE;
import static io.releaseledger.ledger.LedgerFixture.BOB;
import static io.releaseledger.ledger.LedgerFixture.BUILD_212;
import static io.releaseledger.ledger.LedgerFixture.BUILD_213;
import static io.releaseledger.ledger.LedgerFixture.CHANGE_REQUEST;
import static io.releaseledger.ledger.LedgerFixture.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environment locks and change-request refusals. */
@SuppressWarnings("unchecked")
class LedgerLockTest {
    @TempDir
    Path root;

    @Test
    void shouldRefuseASecondLockAndShowTheHolderUntilUnlocked() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LockResult first = ledger.lock("production", "1.4.0", "deploy", ALICE, BUILD_212);
            LockResult second = ledger.lock("production", "1.5.0", "deploy", BOB, BUILD_213);
            LockResult other = ledger.lock("staging", "1.5.0", "deploy", BOB, BUILD_213);

            assertThat(first.isAcquired()).isTrue();
            assertThat(first.getLockId()).isNotBlank();
            assertThat(second.isAcquired()).isFalse();
            assertThat(second.getLockId()).isNull();
            assertThat(second.getHeldBy()).containsOnlyKeys("version", "since", "by", "build", "purpose")
                    .containsEntry("version", "1.4.0").containsEntry("purpose", "deploy")
                    .containsEntry("by", map("id", "alice", "name", "Alice Example"))
                    .containsEntry("build", map("job", "shop/main", "number", 212,
                            "url", "https://ci.example/job/shop/job/main/212/"));
            assertThat(other.isAcquired()).isTrue();
            Map<String, Object> production = (Map<String, Object>) ((List<?>) ledger.view().state().get("environments")).get(0);
            assertThat(production.get("lock")).isEqualTo(second.getHeldBy());

            ledger.unlock("production", first.getLockId(), ALICE, BUILD_212);

            production = (Map<String, Object>) ((List<?>) ledger.view().state().get("environments")).get(0);
            assertThat(production).containsEntry("lock", null);
            assertThat(ledger.lock("production", "1.5.0", "deploy", BOB, BUILD_213).isAcquired()).isTrue();
            assertThat(ledger.view().history("production", 0, 10).get("total")).isEqualTo(3);
        }
    }

    @Test
    void shouldRefuseToUnlockWithAnotherLockIdOrWhenNotLocked() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            assertThatThrownBy(() -> ledger.unlock("production", "nope", ALICE, BUILD_212))
                    .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("is not locked");
            ledger.lock("production", "1.4.0", "deploy", ALICE, BUILD_212);

            assertThatThrownBy(() -> ledger.unlock("production", "nope", BOB, BUILD_213))
                    .isInstanceOf(ReleaseLedgerException.class)
                    .hasMessageContaining("locked under another lock id (version 1.4.0");
            assertThat(ledger.view().state()).containsEntry("events", 1L);
        }
    }

    @Test
    void shouldRecordLocksOnlyThroughLockAndUnlock() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            assertThatThrownBy(() -> ledger.append(new EventDraft(EventTypes.ENVIRONMENT_LOCKED, ALICE, BUILD_212)
                    .setEnvironment("production").setData(map("lockId", "x"))))
                    .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("by lock and unlock");
        }
    }

    @Test
    void shouldRefuseRestrictedEventsFromChangeRequestsUnlessAllowed() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerFixture events = new LedgerFixture(ledger).as(ALICE, CHANGE_REQUEST);

            events.tag("1.0.0-pr.1", null, "c1");
            assertThatThrownBy(() -> events.deploy("staging", "d1", "1.0.0", "c1"))
                    .isInstanceOf(ReleaseLedgerException.class)
                    .hasMessageContaining("shop/PR-7 #3 builds a change request")
                    .hasMessageContaining("deployment.started");
            assertThatThrownBy(() -> events.markBad("1.0.0", "no")).isInstanceOf(ReleaseLedgerException.class);
            assertThatThrownBy(() -> ledger.lock("staging", "1.0.0", "deploy", ALICE, CHANGE_REQUEST))
                    .isInstanceOf(ReleaseLedgerException.class);
            assertThat(ledger.view().state()).containsEntry("events", 1L);

            ledger.setAllowChangeRequests(true);
            events.deploy("staging", "d1", "1.0.0", "c1");
            assertThat(ledger.lock("staging", "1.0.0", "deploy", ALICE, CHANGE_REQUEST).isAcquired()).isTrue();
            assertThat(ledger.view().state()).containsEntry("events", 4L);
        }
    }

    @Test
    void shouldReleaseAHeldLockByForceRecordingWhoAndWhy() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LockResult held = ledger.lock("production", "1.4.0", "deploy", ALICE, BUILD_212);

            assertThatThrownBy(() -> ledger.forceUnlock("production", " ", BOB, BUILD_213))
                    .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("needs a reason");
            String released = ledger.forceUnlock("production", "deploy #212 was aborted and left the lock", BOB,
                    BUILD_213);

            assertThat(released).isEqualTo(held.getLockId());
            LedgerEvent unlocked = ledger.events("production").get(1);
            assertThat(unlocked.getType()).isEqualTo(EventTypes.ENVIRONMENT_UNLOCKED);
            assertThat(unlocked.getData()).containsEntry("lockId", held.getLockId()).containsEntry("forced", true)
                    .containsEntry("reason", "deploy #212 was aborted and left the lock");
            assertThat(unlocked.getActor().getId()).isEqualTo("bob");
            assertThat(ledger.lock("production", "1.5.0", "deploy", BOB, BUILD_213).isAcquired()).isTrue();
            assertThatThrownBy(() -> ledger.unlock("production", held.getLockId(), ALICE, BUILD_212))
                    .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("another lock id");
        }
    }

    @Test
    void shouldRefuseToReleaseByForceWhenNotLocked() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            assertThatThrownBy(() -> ledger.forceUnlock("production", "stuck", BOB, BUILD_213))
                    .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("is not locked");
            assertThat(ledger.events("production")).isEmpty();
        }
    }
}
