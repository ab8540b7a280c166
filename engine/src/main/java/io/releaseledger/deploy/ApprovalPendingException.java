package io.releaseledger.deploy;

/**
 * A deploy or promote that may not go on yet: the release lacks approvals. Recorded as {@code approval.requested};
 * the CLI reports it and ends, a Pipeline step waits for the approvals and tries again.
 */
public final class ApprovalPendingException extends DeploymentException {
    private static final long serialVersionUID = 1L;

    private final String environment;
    private final String version;
    private final String digest;
    private final String waitingFor;
    private boolean requested;

    ApprovalPendingException(final String message, final String environment, final String version,
            final String digest, final String waitingFor) {
        super(message);
        this.environment = environment;
        this.version = version;
        this.digest = digest;
        this.waitingFor = waitingFor;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getVersion() {
        return version;
    }

    /** The digest the approvals must name. */
    public String getDigest() {
        return digest;
    }

    /** Whom the deploy waits for, for people: {@code 1 of 2 approvals; waiting for 1 more from release-managers}. */
    public String getWaitingFor() {
        return waitingFor;
    }

    ApprovalPendingException setRequested(final boolean requested) {
        this.requested = requested;
        return this;
    }

    /** Whether this attempt recorded the request (the first of this release and requester): people are told once. */
    public boolean isRequested() {
        return requested;
    }
}
