package io.releaseledger.scm;

import java.util.Objects;

/** How a push of one ref ended when the transport itself worked: pushed, already there, or refused. */
public final class PushOutcome {
    /** What the remote did with the ref. */
    public enum Status {
        /** The remote now has the ref. */
        PUSHED,
        /** The remote already had exactly this ref. */
        UP_TO_DATE,
        /** The remote refused the update, for example because the ref exists there with another value. */
        REJECTED
    }

    private final Status status;
    private final String reason;

    public PushOutcome(final Status status, final String reason) {
        this.status = Objects.requireNonNull(status, "status");
        this.reason = reason == null ? "" : reason;
    }

    public Status getStatus() {
        return status;
    }

    /** Why the remote refused the ref, as far as it said; empty otherwise. */
    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? status.toString() : status + " (" + reason + ")";
    }
}
