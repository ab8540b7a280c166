package io.releaseledger.ledger;

import io.releaseledger.Futures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.crypto.Mac;

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

    /** Lines from this many bytes on are hashed beside their MAC; below it a thread costs more than it saves. */
    static final int PARALLEL_FROM = 256 * 1024;

    /** A daemon thread per task: sealing a large line is rare (a release of many commits) and never waits on I/O. */
    static final Executor HASHING_THREADS = task -> {
        Thread thread = new Thread(task, "release-ledger-hash");
        thread.setDaemon(true);
        thread.start();
    };

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

    /**
     * The line, newline included, for canonical JSON {@code unsealed} in ASCII bytes, with the MAC member when
     * {@code mac} is not {@code null}: the same bytes as {@link #seal(String, String)} of {@link #withMac}, made from one
     * copy of the text instead of a string per step (a large event is megabytes).
     */
    static SealedLine sealedLine(final byte[] unsealed, final String mac) {
        MessageDigest digest = newSha256();
        digest.update(unsealed, 0, unsealed.length - 1);
        return finish(unsealed, mac, digest);
    }

    /**
     * As {@link #sealedLine(byte[], String)} with the MAC computed here by {@code mac} ({@code null}: no MAC). Both passes
     * read the same bytes, and the hash covers the JSON before the MAC member, so for a line of at least
     * {@link #PARALLEL_FROM} bytes the SHA-256 of that part runs on {@code hashing} while the MAC is computed on the
     * calling thread (without C2's SHA intrinsics each pass over a 9 MB line takes 150-200 ms): same bytes either way.
     */
    static SealedLine sealedLine(final byte[] unsealed, final Mac mac, final Executor hashing) {
        if (mac == null) {
            return sealedLine(unsealed, null);
        }
        if (unsealed.length < PARALLEL_FROM) {
            return sealedLine(unsealed, LedgerKey.hex(mac, unsealed));
        }
        CompletableFuture<MessageDigest> body;
        try {
            body = CompletableFuture.supplyAsync(() -> {
                MessageDigest digest = newSha256();
                digest.update(unsealed, 0, unsealed.length - 1);
                return digest;
            }, hashing);
        } catch (RejectedExecutionException e) {
            return sealedLine(unsealed, LedgerKey.hex(mac, unsealed));
        }
        String hex = LedgerKey.hex(mac, unsealed);
        return finish(unsealed, hex, Futures.join(body));
    }

    /** The line from {@code digest}, which has read the JSON without its closing brace. */
    private static SealedLine finish(final byte[] unsealed, final String mac, final MessageDigest digest) {
        int body = unsealed.length - 1; // without the closing brace
        byte[] macMember = mac == null ? new byte[0]
                : (MAC_MEMBER + mac + "\"").getBytes(StandardCharsets.US_ASCII);
        digest.update(macMember);
        digest.update((byte) '}');
        String hash = HexFormat.of().formatHex(digest.digest());
        byte[] hashMember = (HASH_MEMBER + hash + "\"}\n").getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(unsealed, body + macMember.length + hashMember.length);
        System.arraycopy(macMember, 0, line, body, macMember.length);
        System.arraycopy(hashMember, 0, line, body + macMember.length, hashMember.length);
        return new SealedLine(line, mac, hash);
    }

    /** A journal line's bytes (with its newline) and its hash. */
    static final class SealedLine {
        private final byte[] bytes;
        private final String mac;
        private final String hash;

        SealedLine(final byte[] bytes, final String mac, final String hash) {
            this.bytes = bytes;
            this.mac = mac;
            this.hash = hash;
        }

        /** The MAC's 64 hex digits, {@code null} for a line without one. */
        String getMac() {
            return mac;
        }

        byte[] getBytes() {
            return bytes;
        }

        String getHash() {
            return hash;
        }

        /** The line's text without its newline (the line is ASCII). */
        String text() {
            return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
