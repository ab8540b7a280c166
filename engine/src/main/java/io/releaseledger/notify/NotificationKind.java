package io.releaseledger.notify;

/** What happened; {@link #key()} is the {@code event} of the JSON body. */
public enum NotificationKind {
    DEPLOY_STARTED("deploy.started", "started deploying"),
    DEPLOY_SUCCEEDED("deploy.succeeded", "deployed"),
    DEPLOY_FAILED("deploy.failed", "failed to deploy"),
    ROLLED_BACK("deploy.rolledback", "rolled back"),
    APPROVAL_NEEDED("approval.needed", "needs approval for");

    private final String key;
    private final String verb;

    NotificationKind(final String key, final String verb) {
        this.key = key;
        this.verb = verb;
    }

    public String key() {
        return key;
    }

    String verb() {
        return verb;
    }
}
