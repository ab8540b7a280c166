package io.releaseledger.ledger;

import static io.releaseledger.ledger.LedgerFixture.ALICE;
import static io.releaseledger.ledger.LedgerFixture.BOB;
import static io.releaseledger.ledger.LedgerFixture.BUILD_212;
import static io.releaseledger.ledger.LedgerFixture.BUILD_213;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two ledgers on one directory (as two processes would be) see each other's events and locks. */
@SuppressWarnings("unchecked")
class LedgerSharedDirectoryTest {
    @TempDir
    Path root;

    @Test
    void shouldSeeWhatTheOtherInstanceAppended() {
        try (Ledger first = Ledger.open(root, "shop"); Ledger second = Ledger.open(root, "shop")) {
            new LedgerFixture(first).deploy("staging", "d1", "1.0.0", "c1");
            new LedgerFixture(second).at(5).deploy("staging", "d2", "1.1.0", "c2");

            for (Ledger ledger : List.of(first, second)) {
                Map<String, Object> state = ledger.view().state();
                Map<?, ?> staging = (Map<String, Object>) ((List<?>) state.get("environments")).get(0);
                assertThat(state).containsEntry("events", 4L);
                assertThat((Map<String, Object>) staging.get("current")).containsEntry("version", "1.1.0");
            }
        }
    }

    @Test
    void shouldRefuseALockThatTheOtherInstanceHolds() {
        try (Ledger first = Ledger.open(root, "shop"); Ledger second = Ledger.open(root, "shop")) {
            LockResult held = first.lock("production", "1.0.0", "deploy", ALICE, BUILD_212);

            LockResult refused = second.lock("production", "1.1.0", "deploy", BOB, BUILD_213);
            first.unlock("production", held.getLockId(), ALICE, BUILD_212);
            LockResult acquired = second.lock("production", "1.1.0", "deploy", BOB, BUILD_213);

            assertThat(refused.isAcquired()).isFalse();
            assertThat(refused.getHeldBy()).containsEntry("version", "1.0.0");
            assertThat(acquired.isAcquired()).isTrue();
        }
    }
}
