package io.releaseledger.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.deploy.DeploymentException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gates of one batch of slots, run at the same time: what a gate that throws, or an interrupt, ends in. */
class ParallelGatesTest {
    @AfterEach
    void clearTheInterruptFlag() {
        Thread.interrupted();
    }

    @Test
    void shouldHandBackEveryResultInTheSlotsOrder() {
        Map<String, String> results = ParallelGates.run(gates(() -> "a passed", () -> "b passed"));

        assertThat(results).containsExactly(Map.entry("slot a", "a passed"), Map.entry("slot b", "b passed"));
    }

    @Test
    void shouldRunALoneGateOnTheCallersThread() {
        Map<String, Supplier<String>> lone = new LinkedHashMap<>();
        lone.put("slot a", () -> Thread.currentThread().getName());

        assertThat(ParallelGates.run(lone)).containsEntry("slot a", Thread.currentThread().getName());
    }

    @Test
    void shouldThrowAGatesRuntimeFailureAsItself() {
        IllegalStateException failure = new IllegalStateException("no Docker host");

        assertThatThrownBy(() -> ParallelGates.run(gates(() -> "a passed", () -> {
            throw failure;
        }))).isSameAs(failure);
    }

    @Test
    void shouldThrowAGatesErrorAsItselfAsALoneGateDoes() {
        AssertionError failure = new AssertionError("a bug in a check");

        assertThatThrownBy(() -> ParallelGates.run(gates(() -> "a passed", () -> {
            throw failure;
        }))).isSameAs(failure);
    }

    @Test
    void shouldReportACheckedFailureAsADeploymentFailureNamingTheSlot() {
        IOException failure = new IOException("socket closed");

        assertThatThrownBy(() -> ParallelGates.run(gates(() -> "a passed", () -> sneakyThrow(failure))))
                .isInstanceOf(DeploymentException.class).hasCause(failure)
                .hasMessage("slot b: the health gate could not run: java.io.IOException: socket closed");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void shouldKeepTheInterruptWhenAGateEndedInterrupted() {
        InterruptedException failure = new InterruptedException("stopped");

        assertThatThrownBy(() -> ParallelGates.run(gates(() -> "a passed", () -> sneakyThrow(failure))))
                .isInstanceOf(DeploymentException.class).hasCause(failure)
                .hasMessage("slot b: the health gate was interrupted");
        assertThat(Thread.interrupted()).as("the caller's interrupt flag").isTrue();
    }

    @Test
    void shouldInterruptTheGatesAndKeepTheFlagWhenTheCallerIsInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        Supplier<String> waitsLong = () -> {
            started.countDown();
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(30));
                return "waited";
            } catch (InterruptedException e) {
                return "interrupted"; // as a health gate ends when its thread is interrupted
            }
        };
        AtomicReference<Map<String, String>> results = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            results.set(ParallelGates.run(gates(waitsLong, waitsLong)));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(20));

        assertThat(caller.isAlive()).as("the caller still waits for the gates").isFalse();
        assertThat(results.get()).containsExactly(Map.entry("slot a", "interrupted"),
                Map.entry("slot b", "interrupted"));
        assertThat(flagKept).isTrue();
    }

    private static Map<String, Supplier<String>> gates(final Supplier<String> a, final Supplier<String> b) {
        Map<String, Supplier<String>> gates = new LinkedHashMap<>();
        gates.put("slot a", a);
        gates.put("slot b", b);
        return gates;
    }

    /** What a gate could only throw by stealth: a checked exception through a Supplier. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> String sneakyThrow(final Throwable failure) throws T {
        throw (T) failure;
    }
}
