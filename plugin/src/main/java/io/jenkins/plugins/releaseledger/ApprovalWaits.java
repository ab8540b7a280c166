package io.jenkins.plugins.releaseledger;

import java.util.HashMap;
import java.util.Map;

/**
 * Where deploy and promote steps wait for approvals on this controller: an approval or rejection from the Releases
 * page wakes the steps waiting on that application's environment, which then ask the ledger again. A step that is
 * stopped (an abort, a {@code timeout}) is interrupted while it waits. Jenkins-free.
 */
final class ApprovalWaits {
    private static final ApprovalWaits INSTANCE = new ApprovalWaits();

    ApprovalWaits() {
        // one per controller (get()); tests make their own
    }

    private final Map<String, Long> generations = new HashMap<>();

    static ApprovalWaits get() {
        return INSTANCE;
    }

    /** The current generation of the environment's decisions: read it before asking the ledger, then {@link #await}. */
    synchronized long generation(final String application, final String environment) {
        return generations.getOrDefault(key(application, environment), 0L);
    }

    /**
     * Waits until a decision newer than {@code seen} is recorded for the environment, or {@code maxMillis} passed (the
     * CLI or another controller may record approvals too, so the step looks again from time to time).
     *
     * @throws InterruptedException when the step is stopped
     */
    synchronized void await(final String application, final String environment, final long seen, final long maxMillis)
            throws InterruptedException {
        long end = System.nanoTime() + maxMillis * 1_000_000L;
        while (generation(application, environment) == seen) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    /** A decision was recorded: every step waiting on the environment asks the ledger again. */
    synchronized void wake(final String application, final String environment) {
        generations.merge(key(application, environment), 1L, Long::sum);
        notifyAll();
    }

    private static String key(final String application, final String environment) {
        return application + '\u0000' + environment;
    }
}
