package io.releaseledger.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a journal line. A line is the canonical JSON of the event with {@code ,"hash":"<64 hex>"} as
 * its last member; the hash is SHA-256 over the same bytes without that member. Hashing the recorded bytes
 * (not a re-serialisation) keeps events of newer writers verifiable byte for byte.
 */
final class JournalHashing {
    static final String ZERO_HASH = "0".repeat(64);
    private static final String HASH_MEMBER = ",\"hash\":\"";
    /** {@code ,"hash":"} + 64 hex digits + {@code "}}. */
    static final int SUFFIX_LENGTH = HASH_MEMBER.length() + 64 + 2;

    private JournalHashing() {
    }

    static boolean isHash(final String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The line for canonical JSON {@code {…}} whose hash is computed here. */
    static String seal(final String canonical) {
        return canonical.substring(0, canonical.length() - 1) + HASH_MEMBER + sha256(canonical) + "\"}";
    }

    /**
     * The hash the line should carry, or {@code null} when the line does not end with the hash member (so it
     * was not written in canonical form).
     */
    static String expectedHash(final String line) {
        int start = line.length() - SUFFIX_LENGTH;
        if (start < 1 || !line.startsWith(HASH_MEMBER, start) || !line.endsWith("\"}")) {
            return null;
        }
        return sha256(line.substring(0, start) + "}");
    }

    static String sha256(final String canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
