package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiting steps are woken by a decision on their environment, and stopped by an interrupt. */
class ApprovalWaitsTest {
    private final ApprovalWaits waits = new ApprovalWaits();

    @Test
    void shouldWakeTheStepsWaitingOnTheEnvironment() throws Exception {
        long seen = waits.generation("shop", "production");
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                waits.await("shop", "production", seen, TimeUnit.MINUTES.toMillis(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        waits.wake("shop", "staging");
        waits.wake("shop", "production");

        waiting.get(1, TimeUnit.MINUTES);
        assertThat(waits.generation("shop", "production")).isEqualTo(seen + 1);
        assertThat(waits.generation("shop", "staging")).isEqualTo(1);
    }

    @Test
    void shouldNotWaitWhenADecisionCameBetweenAskingAndWaiting() throws Exception {
        long seen = waits.generation("shop", "production");
        waits.wake("shop", "production");

        waits.await("shop", "production", seen, TimeUnit.MINUTES.toMillis(10)); // returns at once
        assertThat(waits.generation("shop", "production")).isEqualTo(seen + 1);
    }

    @Test
    void shouldStopWaitingWhenInterrupted() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> waits.await("shop", "production", 0, TimeUnit.MINUTES.toMillis(10)))
                .isInstanceOf(InterruptedException.class);
    }

    @Test
    void shouldLookAgainAfterTheLongestWait() throws Exception {
        waits.await("shop", "production", 0, 1);
        assertThat(waits.generation("shop", "production")).isZero();
    }
}
