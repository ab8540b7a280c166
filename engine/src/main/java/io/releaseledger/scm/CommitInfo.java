package io.releaseledger.scm;

import java.util.Objects;

/** A commit's id and full message. */
public final class CommitInfo {
    private final String id;
    private final String message;

    public CommitInfo(final String id, final String message) {
        this.id = Objects.requireNonNull(id, "id");
        this.message = Objects.requireNonNull(message, "message");
    }

    public String getId() {
        return id;
    }

    public String getMessage() {
        return message;
    }

    @Override
    public String toString() {
        return id;
    }
}
