package io.releaseledger.git;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * A commit's message and author exactly as {@link RevCommit#getFullMessage()} and {@link RevCommit#getAuthorIdent()}
 * give them, without a charset decoder per text when the text is ASCII, as it nearly always is: JGit decodes every
 * text as strict UTF-8 first, whatever the commit's encoding header says, and ASCII bytes decode to themselves. Any
 * other text is left to JGit. (A walk over 50,000 commits made 150,000 decoders and their buffers.)
 */
final class CommitText {
    private final String message;
    private final String authorName;
    private final String authorEmail;

    private CommitText(final String message, final String authorName, final String authorEmail) {
        this.message = message;
        this.authorName = authorName;
        this.authorEmail = authorEmail;
    }

    /** Reads the commit's message and author; the commit's body must have been parsed (and retained). */
    static CommitText of(final RevCommit commit) {
        byte[] raw = commit.getRawBuffer();
        if (raw == null) {
            return fromJGit(commit);
        }
        String message = asciiMessage(raw);
        if (message == null) {
            message = commit.getFullMessage();
        }
        int nameStart = RawParseUtils.author(raw, 0);
        if (nameStart < 0) {
            return new CommitText(message, null, null);
        }
        // The same bounds as RawParseUtils.parsePersonIdent: the e-mail address between '<' and '>' on the line, the
        // name before it without the one space that separates them.
        int emailStart = RawParseUtils.nextLF(raw, nameStart, '<');
        int emailEnd = RawParseUtils.nextLF(raw, emailStart, '>');
        if (emailStart >= raw.length || raw[emailStart] == '\n'
                || emailEnd >= raw.length - 1 && raw[emailEnd - 1] != '>') {
            return new CommitText(message, null, null);
        }
        int nameEnd = emailStart - 2 >= nameStart && raw[emailStart - 2] == ' ' ? emailStart - 2 : emailStart - 1;
        if (isAscii(raw, nameStart, nameEnd) && isAscii(raw, emailStart, emailEnd - 1)) {
            return new CommitText(message, new String(raw, nameStart, nameEnd - nameStart, ISO_8859_1),
                    new String(raw, emailStart, emailEnd - 1 - emailStart, ISO_8859_1));
        }
        PersonIdent author = commit.getAuthorIdent();
        return author == null ? new CommitText(message, null, null)
                : new CommitText(message, author.getName(), author.getEmailAddress());
    }

    private static CommitText fromJGit(final RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        return new CommitText(commit.getFullMessage(), author == null ? null : author.getName(),
                author == null ? null : author.getEmailAddress());
    }

    // null when the message is not ASCII: JGit decodes it
    private static String asciiMessage(final byte[] raw) {
        int start = RawParseUtils.commitMessage(raw, 0);
        if (start < 0) {
            return "";
        }
        return isAscii(raw, start, raw.length) ? new String(raw, start, raw.length - start, ISO_8859_1) : null;
    }

    private static boolean isAscii(final byte[] raw, final int start, final int end) {
        if (start > end) {
            return false; // let JGit say what such bounds mean
        }
        for (int i = start; i < end; i++) {
            if (raw[i] < 0) {
                return false;
            }
        }
        return true;
    }

    String getMessage() {
        return message;
    }

    /** The author's name, {@code null} when JGit finds no author line it can read. */
    String getAuthorName() {
        return authorName;
    }

    String getAuthorEmail() {
        return authorEmail;
    }
}
