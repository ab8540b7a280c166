package io.releaseledger.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A ledger key: the secret that seals journal events and checkpoints with HMAC-SHA-256, so that someone who can
 * write the ledger directory but not read the key cannot re-seal a rewritten journal. Known to the journal only by
 * its id, the first 8 bytes of an HMAC of a fixed text (the key itself never reaches a file, message or page).
 */
public final class LedgerKey {
    static final String ALGORITHM = "HmacSHA256";
    /** Hex digits of a key id. */
    static final int ID_LENGTH = 16;
    private static final byte[] ID_TEXT = "release-ledger key id".getBytes(StandardCharsets.US_ASCII);

    private final Supplier<Mac> macs;
    private final String id;

    private LedgerKey(final Supplier<Mac> macs) {
        this.macs = macs;
        this.id = HexFormat.of().formatHex(Arrays.copyOf(macs.get().doFinal(ID_TEXT), ID_LENGTH / 2));
    }

    /** A key of at least 16 secret bytes (the CLI's key file holds 32 random bytes). */
    public static LedgerKey of(final byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 16) {
            throw new IllegalArgumentException("A ledger key needs at least 16 bytes, not " + secret.length + ".");
        }
        SecretKeySpec spec = new SecretKeySpec(secret.clone(), ALGORITHM);
        return new LedgerKey(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
            }
        });
    }

    /**
     * A key held elsewhere (the Jenkins controller's secrets), given as a source of fresh HMAC-SHA-256 instances
     * initialised with it: the key's bytes never leave their store.
     */
    public static LedgerKey fromMacs(final Supplier<Mac> macs) {
        Objects.requireNonNull(macs, "macs");
        Mac probe = macs.get();
        if (!ALGORITHM.equalsIgnoreCase(probe.getAlgorithm())) {
            throw new IllegalArgumentException("A ledger key is used with " + ALGORITHM + ", not "
                    + probe.getAlgorithm() + ".");
        }
        return new LedgerKey(macs);
    }

    /** The key's id as events and checkpoints name it: 16 hex digits. */
    public String getId() {
        return id;
    }

    /** A fresh MAC instance (not thread-safe: one per chain being checked or written). */
    Mac newMac() {
        return macs.get();
    }

    /** The HMAC of {@code text} (UTF-8) as 64 hex digits. */
    static String hex(final Mac mac, final String text) {
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The HMAC of {@code bytes} as 64 hex digits. */
    static String hex(final Mac mac, final byte[] bytes) {
        return HexFormat.of().formatHex(mac.doFinal(bytes));
    }

    /** Whether two MACs in hex are equal, in time independent of where they differ. */
    static boolean same(final String expected, final String found) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                found.getBytes(StandardCharsets.US_ASCII));
    }

    static boolean isId(final Object text) {
        if (!(text instanceof String s) || s.length() != ID_LENGTH) {
            return false;
        }
        return s.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    @Override
    public String toString() {
        return "ledger key " + id;
    }
}
