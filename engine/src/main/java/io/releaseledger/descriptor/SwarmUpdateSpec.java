package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.Locale;

/**
 * How Swarm replaces the tasks of a service: its {@code UpdateConfig}, used both for the update and for the rollback.
 */
public final class SwarmUpdateSpec {
    /** Which task runs first while a slot is replaced. */
    public enum Order { STOP_FIRST, START_FIRST }

    /** What Swarm does when a replaced task fails within the monitor period. */
    public enum FailureAction { ROLLBACK, PAUSE, CONTINUE }

    private final int parallelism;
    private final Duration delay;
    private final Order order;
    private final FailureAction failureAction;
    private final Duration monitor;

    SwarmUpdateSpec(final int parallelism, final Duration delay, final Order order, final FailureAction failureAction,
            final Duration monitor) {
        this.parallelism = parallelism;
        this.delay = delay;
        this.order = order;
        this.failureAction = failureAction;
        this.monitor = monitor;
    }

    /** Tasks replaced at once. */
    public int getParallelism() {
        return parallelism;
    }

    /** The pause between two groups of tasks. */
    public Duration getDelay() {
        return delay;
    }

    public Order getOrder() {
        return order;
    }

    public FailureAction getFailureAction() {
        return failureAction;
    }

    /** How long Swarm watches a new task for a failure before it counts as updated. */
    public Duration getMonitor() {
        return monitor;
    }

    /** The descriptor's spelling, such as {@code stop-first}. */
    static String word(final Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return "parallelism " + parallelism + ", delay " + delay.toMillis() + " ms, " + word(order) + ", on failure "
                + word(failureAction) + ", monitor " + monitor.toMillis() + " ms";
    }
}
