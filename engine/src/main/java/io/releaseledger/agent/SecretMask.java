package io.releaseledger.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Replaces known secret values (e.g. {@code GitCredentials.getSecrets()}) by {@code ****}, in each of the forms a
 * secret takes in transit (URL-encoded, JSON- and XML-escaped, Base64; see {@link io.releaseledger.health.SecretMask}).
 * The engine never puts secrets in messages; this is the second line of defence for text the front ends print
 * (errors from libraries, stack traces). Mask values before they are serialized ({@link #mask(String)} on each text,
 * {@link #maskValues(Map)} on a JSON object), never a serialized document.
 */
public final class SecretMask {
    /** Shorter values would mask ordinary words; secrets that short are not worth protecting anyway. */
    static final int MIN_LENGTH = 4;

    private final io.releaseledger.health.SecretMask forms;

    public SecretMask(final Collection<String> secrets) {
        List<String> kept = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_LENGTH) {
                kept.add(secret);
            }
        }
        this.forms = new io.releaseledger.health.SecretMask(kept);
    }

    /**
     * These secrets and the Base64 of {@code user:password} an {@code Authorization: Basic} header would carry for
     * each password.
     */
    public static SecretMask withBasicAuth(final Collection<String> secrets, final String user,
            final Collection<String> passwords) {
        List<String> all = new ArrayList<>(secrets);
        for (String password : passwords) {
            if (password != null && password.length() >= MIN_LENGTH) {
                all.add(password);
                if (user != null) {
                    all.add(io.releaseledger.health.SecretMask.basicCredentials(user, password));
                }
            }
        }
        return new SecretMask(all);
    }

    /** The text with every secret replaced; {@code null} stays {@code null}. */
    public String mask(final String text) {
        return forms.apply(text);
    }

    /** A copy of a JSON object with every string value masked; numbers, booleans and keys stay. */
    public Map<String, Object> maskValues(final Map<String, Object> object) {
        return forms.applyToObject(object);
    }
}
