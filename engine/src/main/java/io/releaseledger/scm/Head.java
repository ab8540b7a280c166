package io.releaseledger.scm;

import java.util.Objects;
import java.util.Optional;

/** The commit checked out, and the branch it is checked out as (none when HEAD is detached). */
public final class Head {
    private final String commitId;
    private final String branch;

    public Head(final String commitId, final String branch) {
        this.commitId = Objects.requireNonNull(commitId, "commitId");
        this.branch = branch;
    }

    public String getCommitId() {
        return commitId;
    }

    /** The short branch name ({@code main}), empty when HEAD is detached. */
    public Optional<String> getBranch() {
        return Optional.ofNullable(branch);
    }

    public boolean isDetached() {
        return branch == null;
    }

    @Override
    public String toString() {
        return commitId + (branch == null ? " (detached)" : " (" + branch + ")");
    }
}
