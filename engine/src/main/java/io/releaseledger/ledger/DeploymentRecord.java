package io.releaseledger.ledger;

/**
 * One deployment to an environment as the metrics see it (docs/metrics.md): a change (a deploy or promotion of a
 * version, succeeded or failed) or a rollback (a rollback's own deploy, or the restore a failed deploy made), with
 * what happened to it afterwards. Built by {@link DeploymentRecords}; times are epoch milliseconds.
 */
final class DeploymentRecord {
    final long time;
    final String version;
    final boolean succeeded;
    boolean rollback;
    boolean promoted;
    long firstFailedCheck = ReadModel.NO_TIME;
    boolean rolledBack;
    boolean fixed;
    /** Lead times (ms) of the commits this deploy brought to the environment first; filled by {@link LeadTimes}. */
    long[] leadTimes = CommitTimes.NONE;
    int commitsWithoutTime;

    DeploymentRecord(final long time, final String version, final boolean succeeded) {
        this.time = time;
        this.version = version;
        this.succeeded = succeeded;
    }

    boolean isChange() {
        return !rollback;
    }

    boolean hasFailedChecks() {
        return firstFailedCheck != ReadModel.NO_TIME;
    }

    /** A change failure: it failed, failed its checks, was rolled back or was followed by its fix. */
    boolean isFailure() {
        return isChange() && (!succeeded || hasFailedChecks() || rolledBack || fixed);
    }

    /** Where a failure starts: its first failed check when it has one, else the deploy itself. */
    long failureStart() {
        return hasFailedChecks() ? firstFailedCheck : time;
    }

    /** A deploy that can end a failure: it succeeded, and neither failed its checks nor was rolled back. */
    boolean isHealthy() {
        return succeeded && !hasFailedChecks() && !rolledBack;
    }
}
