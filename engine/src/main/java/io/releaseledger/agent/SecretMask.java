package io.releaseledger.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces known secret values (e.g. {@code GitCredentials.getSecrets()}) in text by {@code ****}. The engine never puts secrets in messages; this is the
 * second line of defence for text the front ends print (errors from libraries, stack traces).
 */
public final class SecretMask {
    /** Shorter values would mask ordinary words; secrets that short are not worth protecting anyway. */
    static final int MIN_LENGTH = 4;
    private static final String MASK = "****";

    private final List<String> secrets = new ArrayList<>();

    public SecretMask(final Collection<String> secrets) {
        for (String secret : secrets) {
            add(secret);
            // A multi-line key may surface one line at a time.
            for (String line : secret.split("\\R")) {
                if (!line.startsWith("-----")) {
                    add(line.strip());
                }
            }
        }
        // Longest first, so a secret containing another is replaced whole.
        this.secrets.sort(Comparator.comparingInt(String::length).reversed());
    }

    private void add(final String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH && !secrets.contains(secret)) {
            secrets.add(secret);
        }
    }

    public String mask(final String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
