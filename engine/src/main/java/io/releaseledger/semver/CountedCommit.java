package io.releaseledger.semver;

import io.releaseledger.commits.Bump;
import java.time.Instant;
import java.util.Objects;

/**
 * A commit counted towards the next version: its id, first line, Conventional Commit type, bump and committer time
 * (the start of its lead time, docs/metrics.md).
 */
public final class CountedCommit {
    private final String id;
    private final String subject;
    private final String type;
    private final Bump bump;
    private final Instant time;
    private String author;
    private String authorEmail;

    public CountedCommit(final String id, final String subject, final String type, final Bump bump) {
        this(id, subject, type, bump, null);
    }

    /** @param time the committer time, {@code null} when unknown */
    public CountedCommit(final String id, final String subject, final String type, final Bump bump,
            final Instant time) {
        this.time = time;
        this.id = Objects.requireNonNull(id, "id");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.type = Objects.requireNonNull(type, "type");
        this.bump = Objects.requireNonNull(bump, "bump");
    }

    public String getId() {
        return id;
    }

    public String getSubject() {
        return subject;
    }

    /** The Conventional Commit type in lower case, empty when the message is not conventional. */
    public String getType() {
        return type;
    }

    public Bump getBump() {
        return bump;
    }

    /** The committer time, {@code null} when unknown. */
    public Instant getTime() {
        return time;
    }

    /** The same commit with its author, whom approvals of the release do not count (docs/governance.md). */
    public CountedCommit withAuthor(final String name, final String email) {
        CountedCommit copy = new CountedCommit(id, subject, type, bump, time);
        copy.author = name;
        copy.authorEmail = email;
        return copy;
    }

    /** The author's name; {@code null} when unknown. */
    public String getAuthor() {
        return author;
    }

    /** The author's e-mail address; {@code null} when unknown. */
    public String getAuthorEmail() {
        return authorEmail;
    }

    String getShortId() {
        return id.length() > 7 ? id.substring(0, 7) : id;
    }

    @Override
    public String toString() {
        return getShortId() + " " + subject;
    }
}
