package io.releaseledger.health;

import io.releaseledger.json.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces secret values with {@code ****} in anything a check reports, longest first. Masks each value before it is
 * put into JSON, XML or a table ({@link #apply(String)}, {@link #applyToValues(Object)}), never the serialized text:
 * a secret such as {@code true} or {@code x} must not break the document. Besides the secret itself it masks the
 * forms a secret takes on its way through HTTP and logs: URL-encoded, JSON-escaped, XML-escaped, Base64 (and the
 * Basic header's Base64 of {@code user:password}, see {@link #basicAuth}).
 */
public final class SecretMask {
    public static final String MASK = "****";
    private static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> secrets;
    private final List<String> forms;

    public SecretMask(final Collection<String> secrets) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                distinct.add(secret);
            }
        }
        this.secrets = List.copyOf(distinct);
        Set<String> all = new LinkedHashSet<>();
        for (String secret : distinct) {
            all.addAll(forms(secret));
        }
        List<String> sorted = new ArrayList<>(all);
        // Longest first, so a secret containing another is replaced whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.forms = List.copyOf(sorted);
    }

    public static SecretMask none() {
        return NONE;
    }

    /** A mask for a basic-auth pair: the password and the header's Base64 of {@code user:password}. */
    public static SecretMask basicAuth(final String user, final String password) {
        return new SecretMask(List.of(password, basicCredentials(user, password)));
    }

    /** The Base64 of {@code user:password} that an {@code Authorization: Basic} header carries. */
    public static String basicCredentials(final String user, final String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The secret and the encodings it may appear in: URL-encoded ({@code +} or {@code %20} for a space, upper or lower
     * case hex), JSON-escaped (UTF-8 or ASCII with unicode escapes), XML/HTML-escaped, Base64 (standard and URL-safe).
     */
    public static Set<String> forms(final String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        for (String encoded : List.of(url, url.replace("+", "%20"))) {
            forms.add(encoded);
            forms.add(lowerHex(encoded));
        }
        forms.add(unquote(Json.write(secret)));
        forms.add(unquote(Json.writeAscii(secret)));
        String xml = secret.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        forms.add(xml);
        forms.add(xml.replace("'", "&apos;"));
        forms.add(xml.replace("'", "&#39;"));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        // A multi-line secret (a key) may surface one line at a time.
        for (String line : secret.split("\\R")) {
            if (line.strip().length() >= 4 && !line.startsWith("-----")) {
                forms.add(line.strip());
            }
        }
        forms.removeIf(String::isEmpty);
        return forms;
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

    /** The text with every secret (in every form) replaced; {@code null} stays {@code null}. */
    public String apply(final String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String form : forms) {
            masked = masked.replace(form, MASK);
        }
        return masked;
    }

    /**
     * A copy of a JSON value ({@link Map}, {@link List}, {@link String}, numbers, booleans, {@code null}) with every
     * string value masked; keys (the format's own names) and what is not a string stay as they are, so the value
     * serializes as validly as before.
     */
    public Object applyToValues(final Object value) {
        if (value instanceof String) {
            return apply((String) value);
        }
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((key, item) -> copy.put(String.valueOf(key), applyToValues(item)));
            return copy;
        }
        if (value instanceof Collection) {
            List<Object> copy = new ArrayList<>();
            ((Collection<?>) value).forEach(item -> copy.add(applyToValues(item)));
            return copy;
        }
        return value;
    }

    /** {@link #applyToValues(Object)} of a JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> applyToObject(final Map<String, Object> object) {
        return (Map<String, Object>) applyToValues(object);
    }

    private static String unquote(final String json) {
        return json.substring(1, json.length() - 1);
    }

    private static String lowerHex(final String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            boolean hex = i >= 1 && encoded.charAt(i - 1) == '%' || i >= 2 && encoded.charAt(i - 2) == '%';
            out.append(hex ? Character.toLowerCase(c) : c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "SecretMask(" + secrets.size() + " secrets)";
    }
}
