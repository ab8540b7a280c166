package io.releaseledger.semver;

import io.releaseledger.commits.Bump;
import io.releaseledger.version.SemanticVersion;
import java.util.List;

/** The outcome of the calculation, before anything is created: the version, where it came from and why. */
final class Plan {
    private final SemanticVersion version;
    private final String tag;
    private final VersionTag previous;
    private final Bump bump;
    private final String reason;
    private final List<CountedCommit> commits;
    private final boolean newVersion;

    Plan(final SemanticVersion version, final String tag, final VersionTag previous, final Bump bump,
            final String reason, final List<CountedCommit> commits, final boolean newVersion) {
        this.version = version;
        this.tag = tag;
        this.previous = previous;
        this.bump = bump;
        this.reason = reason;
        this.commits = commits;
        this.newVersion = newVersion;
    }

    SemanticVersion getSemanticVersion() {
        return version;
    }

    String getVersion() {
        return version.toString();
    }

    String getTag() {
        return tag;
    }

    VersionTag getPrevious() {
        return previous;
    }

    String getPreviousVersion() {
        return previous == null ? null : previous.getVersion().toString();
    }

    String getPreviousTag() {
        return previous == null ? null : previous.getName();
    }

    Bump getBump() {
        return bump;
    }

    String getReason() {
        return reason;
    }

    List<CountedCommit> getCommits() {
        return commits;
    }

    /** False when HEAD keeps the previous version: nothing since it calls for a release. */
    boolean isNewVersion() {
        return newVersion;
    }
}
