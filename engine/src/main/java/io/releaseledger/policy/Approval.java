package io.releaseledger.policy;

import java.time.Instant;
import java.util.Objects;

/** One person's approval or rejection of an exact release (version and image digest) for an environment. */
public final class Approval {
    private final String approverId;
    private final String approverName;
    private final String version;
    private final String digest;
    private final boolean granted;
    private final String comment;
    private final Instant at;

    public Approval(final String approverId, final String approverName, final String version, final String digest,
            final boolean granted, final String comment, final Instant at) {
        this.approverId = Objects.requireNonNull(approverId, "approverId");
        this.approverName = approverName == null ? approverId : approverName;
        this.version = Objects.requireNonNull(version, "version");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.granted = granted;
        this.comment = comment == null ? "" : comment;
        this.at = at;
    }

    public String getApproverId() {
        return approverId;
    }

    public String getApproverName() {
        return approverName;
    }

    public String getVersion() {
        return version;
    }

    public String getDigest() {
        return digest;
    }

    /** {@code true} for an approval, {@code false} for a rejection. */
    public boolean isGranted() {
        return granted;
    }

    public String getComment() {
        return comment;
    }

    public Instant getAt() {
        return at;
    }

    /** Whether this names exactly that release: an approval of another digest of the same version does not count. */
    public boolean isFor(final String version, final String digest) {
        return this.version.equals(version) && this.digest.equals(digest);
    }
}
