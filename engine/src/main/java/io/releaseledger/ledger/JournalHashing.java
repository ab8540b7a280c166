package io.releaseledger.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a journal line. A line is the canonical JSON of the event with {@code ,"hash":"<64 hex>"} as
 * its last member; the hash is SHA-256 over the same bytes without that member. Hashing the recorded bytes
 * (not a re-serialisation) keeps events of newer writers verifiable byte for byte.
 *
 * <p>A sealed line has {@code ,"key":"<16 hex>"} after {@code prev} and {@code ,"mac":"<64 hex>"} just before the
 * hash: the MAC is HMAC-SHA-256, keyed by that key, over the canonical JSON without {@code mac} and {@code hash}, so
 * the hash stays what it always was (SHA-256 without the hash member) and older tools keep checking it.
 */
final class JournalHashing {
    static final String ZERO_HASH = "0".repeat(64);
    private static final String HASH_MEMBER = ",\"hash\":\"";
    /** {@code ,"hash":"} + 64 hex digits + {@code "}}. */
    static final int SUFFIX_LENGTH = HASH_MEMBER.length() + 64 + 2;

    private JournalHashing() {
    }

    private static final String MAC_MEMBER = ",\"mac\":\"";
    /** {@code ,"mac":"} + 64 hex digits + {@code "}. */
    private static final int MAC_LENGTH = MAC_MEMBER.length() + 64 + 1;

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
        return seal(canonical, sha256(canonical));
    }

    /** The line for canonical JSON {@code {…}} whose hash {@code sha256(canonical)} gave. */
    static String seal(final String canonical, final String hash) {
        return canonical.substring(0, canonical.length() - 1) + HASH_MEMBER + hash + "\"}";
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

    /** Canonical JSON {@code {…}} with the MAC of the same text inserted as its last member. */
    static String withMac(final String canonical, final String mac) {
        return canonical.substring(0, canonical.length() - 1) + MAC_MEMBER + mac + "\"}";
    }

    /**
     * The text a sealed line's MAC covers (the canonical JSON without {@code mac} and {@code hash}), or {@code null}
     * when the MAC is not the member just before the hash.
     */
    static String macInput(final String line) {
        int start = line.length() - SUFFIX_LENGTH - MAC_LENGTH;
        if (start < 1 || !line.startsWith(MAC_MEMBER, start) || line.charAt(start + MAC_LENGTH - 1) != '"') {
            return null;
        }
        return line.substring(0, start) + "}";
    }

    /** The 64 hex digits of the MAC in a line {@link #macInput} accepted. */
    static String macOf(final String line) {
        int start = line.length() - SUFFIX_LENGTH - MAC_LENGTH + MAC_MEMBER.length();
        return line.substring(start, start + 64);
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
