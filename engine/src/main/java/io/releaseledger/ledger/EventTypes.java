package io.releaseledger.ledger;

/** The event types of ledger schema 1 (see {@code docs/releases-api.md}). */
public final class EventTypes {
    public static final String VERSION_TAGGED = "version.tagged";
    public static final String DEPLOYMENT_STARTED = "deployment.started";
    public static final String DEPLOYMENT_SUCCEEDED = "deployment.succeeded";
    public static final String DEPLOYMENT_FAILED = "deployment.failed";
    public static final String CHECK_RECORDED = "check.recorded";
    public static final String RELEASE_PROMOTED = "release.promoted";
    public static final String RELEASE_ROLLED_BACK = "release.rolledback";
    public static final String RELEASE_MARKED_BAD = "release.marked-bad";
    /** A bad mark cleared by someone allowed to; data {@code version}, {@code reason}. */
    public static final String RELEASE_BAD_CLEARED = "release.bad-cleared";
    public static final String ENVIRONMENT_LOCKED = "environment.locked";
    public static final String ENVIRONMENT_UNLOCKED = "environment.unlocked";
    /**
     * The ledger changes its key: data {@code from} (the key id so far, {@code null} for a ledger written without a
     * key), {@code to} (the key sealing the events after it). Written by the ledger itself, sealed with the old key.
     */
    public static final String LEDGER_KEY_ROTATED = "ledger.key-rotated";
    /** A drift check found the environment's reality different from the ledger; data in {@code docs/drift.md}. */
    public static final String DRIFT_DETECTED = "drift.detected";
    /** A drift check found the environment as the ledger records it. */
    public static final String DRIFT_CHECKED = "drift.checked";
    /** A deploy or promote waits for approvals; data {@code version}, {@code digest}, {@code required}, {@code approvers}. */
    public static final String APPROVAL_REQUESTED = "approval.requested";
    /** Someone approved an exact release; data {@code version}, {@code digest}, {@code comment}. */
    public static final String APPROVAL_GRANTED = "approval.granted";
    /** Someone rejected an exact release; data {@code version}, {@code digest}, {@code comment}. */
    public static final String APPROVAL_REJECTED = "approval.rejected";
    /** A deploy went ahead inside a freeze window; data {@code version}, {@code window}, {@code until}, {@code reason}. */
    public static final String FREEZE_OVERRIDDEN = "freeze.overridden";
    /** Every target of a notification got it; data in {@code docs/governance.md}, {@code summary} for people. */
    public static final String NOTIFICATION_SENT = "notification.sent";
    /** Some target of a notification did not get it, after its retries; data as {@link #NOTIFICATION_SENT}. */
    public static final String NOTIFICATION_FAILED = "notification.failed";

    private EventTypes() {
    }

    /**
     * Whether builds of change requests may append this type only when the administrator allows it:
     * {@code deployment.*}, {@code environment.*}, {@code release.promoted}, {@code release.rolledback} and
     * {@code release.marked-bad}, {@code release.bad-cleared}, {@code approval.*} and {@code freeze.overridden}.
     */
    public static boolean isRestrictedForChangeRequests(final String type) {
        if (type == null) {
            return false;
        }
        return type.startsWith("deployment.") || type.startsWith("environment.")
                || RELEASE_PROMOTED.equals(type) || RELEASE_ROLLED_BACK.equals(type)
                || RELEASE_MARKED_BAD.equals(type) || RELEASE_BAD_CLEARED.equals(type)
                || type.startsWith("approval.") || FREEZE_OVERRIDDEN.equals(type);
    }

    /** Whether this version knows the type. Unknown types are kept and listed, never dropped. */
    public static boolean isKnown(final String type) {
        return switch (type == null ? "" : type) {
            case VERSION_TAGGED, DEPLOYMENT_STARTED, DEPLOYMENT_SUCCEEDED, DEPLOYMENT_FAILED, CHECK_RECORDED,
                    RELEASE_PROMOTED, RELEASE_ROLLED_BACK, RELEASE_MARKED_BAD, RELEASE_BAD_CLEARED, ENVIRONMENT_LOCKED,
                    ENVIRONMENT_UNLOCKED, LEDGER_KEY_ROTATED, DRIFT_DETECTED, DRIFT_CHECKED, APPROVAL_REQUESTED,
                    APPROVAL_GRANTED, APPROVAL_REJECTED, FREEZE_OVERRIDDEN, NOTIFICATION_SENT, NOTIFICATION_FAILED -> true;
            default -> false;
        };
    }
}
