package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Maps application names to directory names and back: {@code [A-Za-z0-9._-]} stay, every other byte of the
 * UTF-8 form becomes {@code %XX}; a name of dots only has its dots encoded, so it is never {@code .} or
 * {@code ..}.
 */
final class ApplicationNames {
    private static final int MAX_FILE_NAME = 255;

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
            throw new ReleaseLedgerException("The application name '" + application.substring(0, 40)
                    + "…' is too long for a directory name (" + out.length() + " characters encoded, at most "
                    + MAX_FILE_NAME + "); choose a shorter application name.");
        }
        return out.toString();
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
