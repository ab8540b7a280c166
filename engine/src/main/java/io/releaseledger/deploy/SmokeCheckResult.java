package io.releaseledger.deploy;

/** What {@link SmokeCheckCommand} did: the checks' outcome and the version an automatic rollback returned to. */
public final class SmokeCheckResult {
    private final SmokeOutcome outcome;
    private final String rolledBackTo;

    SmokeCheckResult(final SmokeOutcome outcome, final String rolledBackTo) {
        this.outcome = outcome;
        this.rolledBackTo = rolledBackTo;
    }

    public SmokeOutcome getOutcome() {
        return outcome;
    }

    public boolean isPassed() {
        return outcome.isPassed();
    }

    /** The version the environment was rolled back to after the checks failed, {@code null} if none. */
    public String getRolledBackTo() {
        return rolledBackTo;
    }
}
