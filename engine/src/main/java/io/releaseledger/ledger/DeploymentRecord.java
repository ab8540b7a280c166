package io.releaseledger.ledger;

/**
 * One deployment to an environment as the metrics see it (docs/metrics.md): a change (a deploy or promotion of a
 * version, succeeded or failed) or a rollback (a rollback's own deploy, or the restore a failed deploy made), and what
 * happened to it afterwards, each fact with the time it was recorded, so that a window ending at {@code until} sees
 * only the facts recorded before it. Times are epoch milliseconds; {@link #NEVER} for a fact not recorded. Kept by
 * {@link DeliveryLog}.
 */
final class DeploymentRecord {
    static final long NEVER = Long.MAX_VALUE;

    final long time;
    final int version;
    final boolean succeeded;
    boolean promoted;
    /** When it turned out to be a rollback's own deploy (or the restore itself). */
    long rollbackAt = NEVER;
    long firstFailedCheck = NEVER;
    long rolledBackAt = NEVER;
    /** When its fix (a patch release within the fix window) was deployed. */
    long fixedAt = NEVER;
    /** Lead times (ms) of the commits this deploy brought to the environment first. */
    long[] leadTimes = CommitTimes.NONE;
    int commitsWithoutTime;

    /** @param version the version's id in the read model's string dictionary, -1 for none */
    DeploymentRecord(final long time, final int version, final boolean succeeded) {
        this.time = time;
        this.version = version;
        this.succeeded = succeeded;
    }

    boolean isRollback(final long until) {
        return rollbackAt < until;
    }

    boolean hasFailedChecks(final long until) {
        return firstFailedCheck < until;
    }

    boolean isRolledBack(final long until) {
        return rolledBackAt < until;
    }

    boolean isFixed(final long until) {
        return fixedAt < until;
    }

    /** Where a failure starts: its first failed check when it has one, else the deploy itself. */
    long failureStart(final long until) {
        return hasFailedChecks(until) ? firstFailedCheck : time;
    }

    /** A deploy that can end a failure: it succeeded, and neither failed its checks nor was rolled back. */
    boolean isHealthy(final long until) {
        return succeeded && !hasFailedChecks(until) && !isRolledBack(until);
    }
}
