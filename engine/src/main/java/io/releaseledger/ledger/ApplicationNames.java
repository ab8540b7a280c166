package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Maps application names to directory names and back: {@code [A-Za-z0-9._-]} stay, every other byte of the
 * UTF-8 form becomes {@code %XX}; a name of dots only has its dots encoded, so it is never {@code .} or
 * {@code ..}. The encoded name is bounded in bytes (a file name holds 255), and names of the files kept next to the
 * ledgers (the Jenkins plugin's job index {@code jobs.json} and its temporary and set-aside copies) are reserved.
 */
final class ApplicationNames {
    private static final int MAX_FILE_NAME = 255;
    /** The start of every file name the plugin keeps in the ledger root, compared ignoring case. */
    private static final String RESERVED_PREFIX = "jobs.json";

    private ApplicationNames() {
    }

    static String encode(final String application) {
        if (application == null || application.isEmpty()) {
            throw new ReleaseLedgerException("A ledger needs an application name; none was given.");
        }
        boolean dotsOnly = application.chars().allMatch(c -> c == '.');
        StringBuilder out = new StringBuilder();
        for (byte b : application.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isSafe(c) && !(dotsOnly && c == '.')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        if (out.length() > MAX_FILE_NAME) {
            throw new ReleaseLedgerException("The application name '" + start(application, 40) + "…' is too long"
                    + " for a directory name: " + application.getBytes(StandardCharsets.UTF_8).length + " bytes of"
                    + " UTF-8, " + out.length() + " once encoded, at most " + MAX_FILE_NAME + " (letters, digits,"
                    + " '.', '_' and '-' take 1, every other byte 3, so a CJK character takes 9); choose a shorter"
                    + " application name.");
        }
        return out.toString();
    }

    /** Whether an application name is kept for a file next to the ledgers. */
    static boolean isReserved(final String application) {
        return application.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length());
    }

    /** Refuses a name {@link #isReserved reserved} for a file next to the ledgers. */
    static void requireNotReserved(final String application) {
        if (application != null && isReserved(application)) {
            throw new ReleaseLedgerException("The application name '" + application + "' is reserved: names "
                    + "starting with '" + RESERVED_PREFIX + "' are kept for the Jenkins plugin's job index next to "
                    + "the ledgers; choose another application name.");
        }
    }

    /** The first {@code codePoints} characters of a name, never splitting a surrogate pair. */
    private static String start(final String name, final int codePoints) {
        int count = name.codePointCount(0, name.length());
        return count <= codePoints ? name : name.substring(0, name.offsetByCodePoints(0, codePoints));
    }

    /** The application of a directory name, or {@code null} when the name is not one that {@link #encode} gives. */
    static String decode(final String directoryName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < directoryName.length(); i++) {
            char c = directoryName.charAt(i);
            if (c == '%' && i + 2 < directoryName.length()) {
                int high = Character.digit(directoryName.charAt(i + 1), 16);
                int low = Character.digit(directoryName.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80 && isSafe(c)) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        String name = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        try {
            return !name.isEmpty() && encode(name).equals(directoryName) ? name : null;
        } catch (ReleaseLedgerException e) {
            return null;
        }
    }

    private static boolean isSafe(final int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '-';
    }
}
