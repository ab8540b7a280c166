package io.releaseledger.health;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.nio.charset.StandardCharsets;

/** Replaces secret values with {@code ****} in anything a check reports; longest secrets first. */
public final class SecretMask {
    public static final String MASK = "****";
    private static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> secrets;

    public SecretMask(final Collection<String> secrets) {
        List<String> sorted = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty() && !sorted.contains(secret)) {
                sorted.add(secret);
            }
        }
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    public static SecretMask none() {
        return NONE;
    }

    /** A mask for a basic-auth pair: the password and the header's Base64 of {@code user:password}. */
    public static SecretMask basicAuth(final String user, final String password) {
        String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new SecretMask(List.of(password, encoded));
    }

    /** This mask and the other's secrets. */
    public SecretMask and(final SecretMask other) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(other.secrets);
        return new SecretMask(all);
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** The text with every secret replaced; {@code null} stays {@code null}. */
    public String apply(final String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    @Override
    public String toString() {
        return "SecretMask(" + secrets.size() + " secrets)";
    }
}
