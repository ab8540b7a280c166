package io.releaseledger.health;

/**
 * One check of a {@link HealthGate}: asked again and again until it passes or the gate gives up. A check reports a
 * failure as a failed {@link CheckResult}; it throws only for a bug.
 */
public interface HealthCheck {
    /** A short name for messages and the ledger, such as {@code http /health}. */
    String getName();

    /** {@code http}, {@code denies}, {@code tcp}, {@code command}, {@code container}, {@code heartbeat}, {@code browser} or {@code drift}. */
    String getKind();

    /** Checks the target once. */
    CheckResult run(CheckTarget target);

    /**
     * The check for one run of a gate. Checks that compare what they see over time (the container check counts
     * restarts) return a fresh copy, so one gate can be used for many instances, even at once; the others return
     * themselves.
     */
    default HealthCheck session() {
        return this;
    }

    /**
     * Whether the result depends on the {@link CheckTarget} ({@code {address}} or {@code {port}} in its URL or
     * command): a smoke run runs such a check once per target, the others once.
     */
    default boolean usesTarget() {
        return true;
    }
}
