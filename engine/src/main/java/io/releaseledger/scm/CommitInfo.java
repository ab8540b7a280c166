package io.releaseledger.scm;

import java.time.Instant;
import java.util.Objects;

/** A commit's id, full message and, when known, its committer time. */
public final class CommitInfo {
    private final String id;
    private final String message;
    private final Instant time;

    public CommitInfo(final String id, final String message) {
        this(id, message, null);
    }

    /** @param time when the commit was made on its branch (committer time); {@code null} when unknown */
    public CommitInfo(final String id, final String message, final Instant time) {
        this.id = Objects.requireNonNull(id, "id");
        this.message = Objects.requireNonNull(message, "message");
        this.time = time;
    }

    public String getId() {
        return id;
    }

    public String getMessage() {
        return message;
    }

    /** The committer time, {@code null} when unknown. */
    public Instant getTime() {
        return time;
    }

    @Override
    public String toString() {
        return id;
    }
}
