package io.releaseledger.semver;

import io.releaseledger.commits.Bump;
import java.util.List;

/**
 * What {@link SemverTagCommand} computed and did. JDK types and final classes only, so that Jenkins can
 * persist it and a sandboxed Jenkinsfile can read it.
 */
public final class SemverTagResult {
    private final String version;
    private final String tag;
    private final String previousVersion;
    private final String previousTag;
    private final String commit;
    private final String branch;
    private final boolean releaseBranch;
    private final Bump bump;
    private final String reason;
    private final List<CountedCommit> commits;
    private final boolean alreadyTagged;
    private final boolean tagCreated;
    private final boolean pushed;
    private final boolean dryRun;

    @SuppressWarnings("checkstyle:ParameterNumber")
    SemverTagResult(final Plan plan, final String commit, final String branch, final boolean releaseBranch,
            final boolean alreadyTagged, final boolean tagCreated, final boolean pushed, final boolean dryRun) {
        this.version = plan.getVersion();
        this.tag = plan.getTag();
        this.previousVersion = plan.getPreviousVersion();
        this.previousTag = plan.getPreviousTag();
        this.bump = plan.getBump();
        this.reason = plan.getReason();
        this.commits = List.copyOf(plan.getCommits());
        this.commit = commit;
        this.branch = branch;
        this.releaseBranch = releaseBranch;
        this.alreadyTagged = alreadyTagged;
        this.tagCreated = tagCreated;
        this.pushed = pushed;
        this.dryRun = dryRun;
    }

    /**
     * The version HEAD gets (or already has). When nothing since the previous tag calls for a release, the
     * previous version (see {@link #getReason()}); {@code null} only if there is no previous version either.
     */
    public String getVersion() {
        return version;
    }

    public String getTag() {
        return tag;
    }

    /** The version of the tag the commits were counted from; {@code null} when no tag matched. */
    public String getPreviousVersion() {
        return previousVersion;
    }

    public String getPreviousTag() {
        return previousTag;
    }

    /** The id of HEAD. */
    public String getCommit() {
        return commit;
    }

    public String getBranch() {
        return branch;
    }

    public boolean isReleaseBranch() {
        return releaseBranch;
    }

    public Bump getBump() {
        return bump;
    }

    /** One sentence: why this version. */
    public String getReason() {
        return reason;
    }

    public List<CountedCommit> getCommits() {
        return commits;
    }

    /** HEAD already carried the version's tag, so nothing was created. */
    public boolean isAlreadyTagged() {
        return alreadyTagged;
    }

    public boolean isTagCreated() {
        return tagCreated;
    }

    public boolean isPushed() {
        return pushed;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** Whether there is a new version for HEAD (false when already tagged or when nothing calls for one). */
    public boolean isNewVersion() {
        return !alreadyTagged && version != null && !version.equals(previousVersion);
    }

    @Override
    public String toString() {
        return tag + " (" + reason + ")";
    }
}
