package io.jenkins.plugins.releaseledger;

import hudson.model.Cause;

/**
 * Why a build runs: a user asked on the Releases page to roll an environment back. A {@code UserIdCause}, so that
 * whatever reads the build's starter (the ledger's actor, the DeployProtected check, Authorize Project) sees the user
 * who asked; the build's log and page say what was asked and why.
 */
public final class PageRollbackCause extends Cause.UserIdCause {
    private final String environment;
    private final String version;
    private final String reason;

    PageRollbackCause(final String userId, final String environment, final String version, final String reason) {
        super(userId);
        this.environment = environment;
        this.version = version;
        this.reason = reason;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getVersion() {
        return version;
    }

    public String getReason() {
        return reason;
    }

    @Override
    public String getShortDescription() {
        return PageRollback.describe(getUserId(), environment, version, reason);
    }
}
