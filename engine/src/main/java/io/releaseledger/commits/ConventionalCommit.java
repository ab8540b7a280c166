package io.releaseledger.commits;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A commit message read as a Conventional Commit 1.0.0 ({@code type(scope)!: description}, then an optional
 * body and footers). Messages that do not follow the convention are still read: they are simply not
 * conventional, and count with the bump configured for other commits.
 */
public final class ConventionalCommit {
    // The header's grammar, the reference the hand-written scan below follows (Header.scan): the release of a
    // large history reads tens of thousands of headers in a short-lived process, where the pattern is the most
    // expensive part (ConventionalCommitTest compares the two on generated headers).
    static final Pattern HEADER = Pattern.compile(
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
        Header header = Header.scan(subject);
        if (header == null) {
            return new ConventionalCommit(subject, "", null, subject, false);
        }
        String body = newline < 0 ? "" : text.substring(newline + 1);
        // The footer's pattern only runs on a body that could hold one.
        boolean breaking = header.breaking || body.contains("BREAKING") && BREAKING_FOOTER.matcher(body).find();
        String scope = header.scope;
        return new ConventionalCommit(subject, header.type.toLowerCase(Locale.ROOT),
                scope == null || scope.isBlank() ? null : scope.strip(), header.description.strip(), breaking);
    }

    /** The parts of a header {@link #HEADER} matches. */
    static final class Header {
        final String type;
        final String scope;
        final boolean breaking;
        final String description;

        private Header(final String type, final String scope, final boolean breaking, final String description) {
            this.type = type;
            this.scope = scope;
            this.breaking = breaking;
            this.description = description;
        }

        /** What {@code HEADER.matcher(subject).matches()} finds, or {@code null} when it does not match. */
        static Header scan(final String subject) {
            int length = subject.length();
            if (length == 0 || !isAsciiLetter(subject.charAt(0))) {
                return null;
            }
            int at = 1;
            while (at < length && (isAsciiLetter(subject.charAt(at)) || isAsciiDigit(subject.charAt(at))
                    || subject.charAt(at) == '-')) {
                at++;
            }
            String type = subject.substring(0, at);
            String scope = null;
            if (at < length && subject.charAt(at) == '(') {
                int close = at + 1;
                while (close < length && "()\r\n".indexOf(subject.charAt(close)) < 0) {
                    close++;
                }
                if (close == length || subject.charAt(close) != ')') {
                    return null;
                }
                scope = subject.substring(at + 1, close);
                at = close + 1;
            }
            boolean breaking = at < length && subject.charAt(at) == '!';
            if (breaking) {
                at++;
            }
            if (at + 2 >= length || subject.charAt(at) != ':' || subject.charAt(at + 1) != ' '
                    || isRegexSpace(subject.charAt(at + 2))) {
                return null;
            }
            for (int i = at + 3; i < length; i++) {
                if (isLineTerminator(subject.charAt(i))) {
                    return null;
                }
            }
            return new Header(type, scope, breaking, subject.substring(at + 2));
        }

        private static boolean isAsciiLetter(final char c) {
            return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
        }

        private static boolean isAsciiDigit(final char c) {
            return c >= '0' && c <= '9';
        }

        // \\s without UNICODE_CHARACTER_CLASS
        private static boolean isRegexSpace(final char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
        }

        // What '.' does not match without DOTALL and UNIX_LINES
        private static boolean isLineTerminator(final char c) {
            return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
        }
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
