package io.releaseledger.rollout;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of configuration values: {@code hmac-sha256:<key id>:<hex>} of {@code name NUL value} under the
 * ledger's configuration key. Without the key nobody can test a guess against a hash, so a short password is as safe
 * in the ledger as a long one; the name is part of the input, so two variables with one value do not look alike.
 * The key id (a hash of the key) lets a reader tell which hashes can be compared. Without a key a random one is
 * used: the hashes then compare with nothing (shown as "unknown", never as "changed").
 */
final class ConfigurationHashes {
    private static final String PREFIX = "hmac-sha256:";
    private final byte[] key;
    private final String keyId;

    ConfigurationHashes(final String base64Key) {
        if (base64Key == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            key = Base64.getDecoder().decode(base64Key);
        }
        keyId = keyId(key);
    }

    String hash(final String name, final String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((name + '\u0000' + value).getBytes(StandardCharsets.UTF_8));
            return PREFIX + keyId + ":" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    private static String keyId(final byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("release-ledger configuration key id\n".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
