package io.releaseledger.scm;

import java.time.Instant;
import java.util.Objects;

/** A commit's id, full message and, when known, its committer time and its author. */
public final class CommitInfo {
    private final String id;
    private final String message;
    private final Instant time;
    private final String authorName;
    private final String authorEmail;

    public CommitInfo(final String id, final String message) {
        this(id, message, null);
    }

    /** @param time when the commit was made on its branch (committer time); {@code null} when unknown */
    public CommitInfo(final String id, final String message, final Instant time) {
        this(id, message, time, null, null);
    }

    /**
     * @param authorName  the author's name; {@code null} when unknown
     * @param authorEmail the author's e-mail address; {@code null} when unknown
     */
    public CommitInfo(final String id, final String message, final Instant time, final String authorName,
            final String authorEmail) {
        this.id = Objects.requireNonNull(id, "id");
        this.message = Objects.requireNonNull(message, "message");
        this.time = time;
        this.authorName = blankToNull(authorName);
        this.authorEmail = blankToNull(authorEmail);
    }

    private static String blankToNull(final String text) {
        return text == null || text.isBlank() ? null : text.trim();
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

    /** Who wrote the commit (not who committed it); {@code null} when unknown. */
    public String getAuthorName() {
        return authorName;
    }

    public String getAuthorEmail() {
        return authorEmail;
    }

    @Override
    public String toString() {
        return id;
    }
}
