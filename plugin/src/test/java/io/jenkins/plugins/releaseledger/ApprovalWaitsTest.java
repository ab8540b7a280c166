package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Waiting steps are woken by a decision on their environment, and stopped by an interrupt; steps waiting without a
 * thread (awaitApproval) look at once, on every decision on their environment, and on the periodic recheck.
 */
class ApprovalWaitsTest {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final ApprovalWaits waits = new ApprovalWaits(() -> scheduler, TimeUnit.MINUTES.toMillis(10));

    @AfterEach
    void stopTheScheduler() {
        scheduler.shutdownNow();
    }

    private static String next(final LinkedBlockingQueue<String> looks) throws InterruptedException {
        String look = looks.poll(1, TimeUnit.MINUTES);
        assertThat(look).as("a look within a minute").isNotNull();
        return look;
    }

    @Test
    void shouldHaveAWatcherLookAtOnceAndOnEveryDecisionOnItsEnvironmentOnly() throws Exception {
        LinkedBlockingQueue<String> looks = new LinkedBlockingQueue<>();
        Runnable production = () -> looks.add("production");
        Runnable staging = () -> looks.add("staging");

        waits.watch("shop", "production", production);
        assertThat(next(looks)).isEqualTo("production");
        waits.watch("shop", "staging", staging);
        assertThat(next(looks)).isEqualTo("staging");

        waits.wake("shop", "production");
        assertThat(next(looks)).isEqualTo("production");
        waits.wake("other", "production");

        waits.unwatch("shop", "production", production);
        assertThat(waits.watching("shop", "production")).isZero();
        waits.wake("shop", "production");
        waits.wake("shop", "staging");
        assertThat(next(looks)).as("nothing for the step that ended, nor for another application").isEqualTo("staging");
        assertThat(looks).isEmpty();
    }

    @Test
    void shouldHaveEveryWatcherLookAgainPeriodicallyEvenWhenOneThrows() throws Exception {
        ApprovalWaits often = new ApprovalWaits(() -> scheduler, 50);
        LinkedBlockingQueue<String> looks = new LinkedBlockingQueue<>();
        often.watch("shop", "staging", () -> {
            throw new IllegalStateException("a broken look");
        });
        often.watch("shop", "production", () -> looks.add("production"));

        assertThat(next(looks)).as("at once").isEqualTo("production");
        assertThat(next(looks)).as("rechecked").isEqualTo("production");
        assertThat(next(looks)).as("and again, past the broken one").isEqualTo("production");
    }

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
