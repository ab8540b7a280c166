package io.releaseledger.scm;

import java.util.Objects;
import java.util.Optional;

/**
 * A tag, local or on a remote: its short name ({@code v1.2.0}), the commit it points at once peeled (unknown
 * for an annotated remote tag whose peeled id the server did not advertise), and whether it is annotated.
 */
public final class TagRef {
    private final String name;
    private final String objectId;
    private final String commitId;
    private final boolean annotated;

    public TagRef(final String name, final String objectId, final String commitId, final boolean annotated) {
        this.name = Objects.requireNonNull(name, "name");
        this.objectId = Objects.requireNonNull(objectId, "objectId");
        this.commitId = commitId;
        this.annotated = annotated;
    }

    public String getName() {
        return name;
    }

    /** The id the ref holds: the tag object for an annotated tag, the commit for a lightweight one. */
    public String getObjectId() {
        return objectId;
    }

    public Optional<String> getCommitId() {
        return Optional.ofNullable(commitId);
    }

    public boolean isAnnotated() {
        return annotated;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof TagRef that && name.equals(that.name) && objectId.equals(that.objectId)
                && Objects.equals(commitId, that.commitId) && annotated == that.annotated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, objectId, commitId, annotated);
    }

    @Override
    public String toString() {
        return name + " -> " + (commitId != null ? commitId : objectId);
    }
}
