package io.releaseledger.semver;

import io.releaseledger.version.SemanticVersion;
import java.util.Comparator;
import java.util.Objects;

/** A tag that names a version of ours: its name, its version and the commit it points at. */
final class VersionTag {
    /** Highest precedence first; equal versions (differing in build metadata only) by name, for a stable order. */
    static final Comparator<VersionTag> HIGHEST_FIRST = Comparator.comparing(VersionTag::getVersion)
            .thenComparing(VersionTag::getName, Comparator.reverseOrder()).reversed();

    private final String name;
    private final SemanticVersion version;
    private final String commitId;

    VersionTag(final String name, final SemanticVersion version, final String commitId) {
        this.name = Objects.requireNonNull(name, "name");
        this.version = Objects.requireNonNull(version, "version");
        this.commitId = commitId;
    }

    String getName() {
        return name;
    }

    SemanticVersion getVersion() {
        return version;
    }

    /** The commit, or {@code null} for a remote tag whose commit is unknown here. */
    String getCommitId() {
        return commitId;
    }

    @Override
    public String toString() {
        return name;
    }
}
