package io.releaseledger.commits;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit message read as a Conventional Commit 1.0.0 ({@code type(scope)!: description}, then an optional
 * body and footers). Messages that do not follow the convention are still read: they are simply not
 * conventional, and count with the bump configured for other commits.
 */
public final class ConventionalCommit {
    private static final Pattern HEADER = Pattern.compile(
            "(?<type>[A-Za-z][A-Za-z0-9-]*)(?:\\((?<scope>[^()\\r\\n]*)\\))?(?<breaking>!)?: (?<description>\\S.*)");
    // The spec wants BREAKING CHANGE in capitals; BREAKING-CHANGE is its synonym. Footers may use ': ' or ' #'.
    private static final Pattern BREAKING_FOOTER = Pattern.compile(
            "^BREAKING[ -]CHANGE(?:: | #)\\S", Pattern.MULTILINE);

    private final String subject;
    private final String type;
    private final String scope;
    private final String description;
    private final boolean breaking;

    private ConventionalCommit(final String subject, final String type, final String scope,
            final String description, final boolean breaking) {
        this.subject = subject;
        this.type = type;
        this.scope = scope;
        this.description = description;
        this.breaking = breaking;
    }

    /** Reads a full commit message; never fails. */
    public static ConventionalCommit parse(final String message) {
        String text = message == null ? "" : message.replace("\r\n", "\n");
        int newline = text.indexOf('\n');
        String subject = (newline < 0 ? text : text.substring(0, newline)).strip();
        Matcher header = HEADER.matcher(subject);
        if (!header.matches()) {
            return new ConventionalCommit(subject, "", null, subject, false);
        }
        String body = newline < 0 ? "" : text.substring(newline + 1);
        boolean breaking = header.group("breaking") != null || BREAKING_FOOTER.matcher(body).find();
        String scope = header.group("scope");
        return new ConventionalCommit(subject, header.group("type").toLowerCase(Locale.ROOT),
                scope == null || scope.isBlank() ? null : scope.strip(), header.group("description").strip(), breaking);
    }

    public boolean isConventional() {
        return !type.isEmpty();
    }

    /** The type in lower case (types are case-insensitive), or an empty string for other messages. */
    public String getType() {
        return type;
    }

    public Optional<String> getScope() {
        return Optional.ofNullable(scope);
    }

    /** Marked with {@code !} or a {@code BREAKING CHANGE:} / {@code BREAKING-CHANGE:} footer. */
    public boolean isBreaking() {
        return breaking;
    }

    public String getDescription() {
        return description;
    }

    /** The first line of the message. */
    public String getSubject() {
        return subject;
    }

    /**
     * The bump this commit asks for: breaking changes a major, {@code feat} a minor, {@code fix} a patch,
     * anything else (other types, and messages that are not conventional) {@code otherCommits}.
     */
    public Bump bump(final Bump otherCommits) {
        if (breaking) {
            return Bump.MAJOR;
        }
        if ("feat".equals(type)) {
            return Bump.MINOR;
        }
        if ("fix".equals(type)) {
            return Bump.PATCH;
        }
        return otherCommits;
    }

    @Override
    public String toString() {
        return subject;
    }
}
