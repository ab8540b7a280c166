package io.releaseledger.rollout;

import io.releaseledger.deploy.DeploymentException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs the health gates of one batch of slots at the same time, a thread each (each gate must end within the delay
 * Swarm waits; not the common pool, which has one thread on two cores), and waits for all of them.
 *
 * <p>A gate that throws ends the wait as if it had thrown on the caller's thread, as a lone gate does: an unchecked
 * exception or an {@link Error} as itself, a checked one (which a gate can only throw by stealth) as a
 * {@link DeploymentException} naming the slot, an {@link InterruptedException} likewise with the caller's interrupt
 * flag set. When the caller is interrupted while it waits, the gates' threads are interrupted (a gate then ends with
 * an "interrupted" result), their results are still awaited, and the caller's flag stays set.
 */
final class ParallelGates {
    private ParallelGates() {
    }

    /** The results of the gates, in their order; a single gate runs on the caller's thread. */
    static <K, V> Map<K, V> run(final Map<K, Supplier<V>> gates) {
        Map<K, V> results = new LinkedHashMap<>();
        if (gates.size() == 1) {
            gates.forEach((slot, gate) -> results.put(slot, gate.get()));
            return results;
        }
        ExecutorService threads = Executors.newFixedThreadPool(gates.size());
        Map<K, CompletableFuture<V>> running = new LinkedHashMap<>();
        boolean interrupted = false;
        try {
            gates.forEach((slot, gate) -> running.put(slot, CompletableFuture.supplyAsync(gate, threads)));
            for (Map.Entry<K, CompletableFuture<V>> entry : running.entrySet()) {
                while (true) {
                    try {
                        results.put(entry.getKey(), entry.getValue().get());
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        threads.shutdownNow(); // the gates see it and end; their results are still wanted
                    } catch (ExecutionException e) {
                        threads.shutdownNow(); // the deploy fails with this one: the others need not go on
                        throw rethrown(entry.getKey(), e.getCause());
                    }
                }
            }
            return results;
        } finally {
            threads.shutdown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrown(final Object slot, final Throwable failure) {
        if (failure instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new DeploymentException(slot + ": the health gate was interrupted", failure);
        }
        return new DeploymentException(slot + ": the health gate could not run: " + failure, failure);
    }
}
