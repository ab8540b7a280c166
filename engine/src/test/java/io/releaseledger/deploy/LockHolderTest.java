package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LockResult;
import io.releaseledger.ledger.Origin;
import io.releaseledger.report.Messages;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lock's holder is a process, not a pid: a later process with the same pid must not keep the lock alive. */
class LockHolderTest {
    private static final Actor ALICE = new Actor("alice", "Alice");
    private static final Origin ORIGIN = Origin.cli("alice", "laptop");
    private static final String HOST = EnvironmentLock.localHost();
    private static final long PID = ProcessHandle.current().pid();
    private static final Instant STARTED = ProcessHandle.current().info().startInstant().orElseThrow();

    @TempDir
    Path root;

    @Test
    void shouldJudgeThisProcessAlive() {
        String purpose = LockHolder.describe("deploy 1.0.0");

        assertThat(purpose).startsWith("deploy 1.0.0 (pid " + PID + " on " + HOST + ", started " + STARTED
                + ", process ");
        assertThat(LockHolder.goneReason(purpose)).isNull();
    }

    @Test
    void shouldJudgeAnEarlierProcessWithThisPidGone() {
        String restarted = "deploy 1.0.0 (pid " + PID + " on " + HOST + ", started " + STARTED
                + ", process 00000000-0000)";

        assertThat(LockHolder.goneReason(restarted)).contains("same pid but is another one");
    }

    @Test
    void shouldJudgeALivePidThatStartedAtAnotherTimeGone() {
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        Instant parentStarted = parent.info().startInstant().orElseThrow();
        String reused = "deploy (pid " + parent.pid() + " on " + HOST + ", started " + parentStarted.minusSeconds(60)
                + ", process 00000000-0000)";
        String same = "deploy (pid " + parent.pid() + " on " + HOST + ", started " + parentStarted
                + ", process 00000000-0000)";

        assertThat(LockHolder.goneReason(reused)).contains("now belongs to a process started " + parentStarted);
        assertThat(LockHolder.goneReason(same)).isNull();
    }

    @Test
    void shouldKeepJudgingOldAndForeignPurposes() {
        assertThat(LockHolder.goneReason("deploy (pid 2147483000 on " + HOST + ")")).contains("no longer running");
        assertThat(LockHolder.goneReason("deploy (pid " + PID + " on " + HOST + ")")).isNull();
        assertThat(LockHolder.goneReason("deploy (pid 2147483000 on another-host.example)")).isNull();
        assertThat(LockHolder.goneReason("deploy by hand")).isNull();
    }

    @Test
    void shouldTakeOverTheLockOfAnEarlierProcessWithThisPidAndNotALiveOne() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            ledger.lock("staging", "1.0.0", "deploy 1.0.0 (pid " + PID + " on " + HOST + ", started "
                    + STARTED.minusSeconds(3600) + ", process 00000000-0000)", ALICE, ORIGIN);
            EnvironmentLock restarted = new EnvironmentLock(ledger, "staging", ALICE, ORIGIN, new Messages());

            String lockId = restarted.acquire("1.1.0", "deploy 1.1.0", Duration.ofSeconds(5), Duration.ofHours(2));

            assertThat(restarted.getTakenOverLockId()).isNotNull();
            LockResult other = ledger.lock("staging", "1.2.0", "deploy", ALICE, ORIGIN);
            assertThat(other.isAcquired()).isFalse();
            EnvironmentLock waiting = new EnvironmentLock(ledger, "staging", ALICE, ORIGIN, new Messages());
            assertThat(catchThrowable(() -> waiting.acquire("1.2.0", "deploy 1.2.0",
                    Duration.ofMillis(300), Duration.ofHours(2)))).as("a live holder keeps its lock")
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("locked by another deploy");
            assertThat(lockId).isNotBlank();
        }
    }
}
