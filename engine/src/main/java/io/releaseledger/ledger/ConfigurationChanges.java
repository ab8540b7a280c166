package io.releaseledger.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed in an environment's configuration between two deployments, from the {@code image},
 * {@code settings} and {@code configuration} of their {@code deployment.started} events. Settings show both values
 * (they are not secret); a variable shows only {@code added}, {@code removed}, {@code changed} or, when the two
 * hashes were made with different keys (or none), {@code unknown}: never a value or a hash.
 */
public final class ConfigurationChanges {
    private ConfigurationChanges() {
    }

    /** The recorded configuration of one {@code deployment.started}: what {@link #between} compares. */
    static Map<String, Object> of(final Map<String, Object> started) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        for (String key : List.of("version", "image", "settings", "configuration")) {
            if (started.get(key) != null) {
                configuration.put(key, started.get(key));
            }
        }
        return configuration;
    }

    /**
     * Each change as {@code {kind, name, change, from, to}}: kind {@code image}, {@code setting} or {@code variable};
     * {@code from}/{@code to} only for images and settings.
     */
    public static List<Map<String, Object>> between(final Map<String, Object> before, final Map<String, Object> after) {
        List<Map<String, Object>> changes = new ArrayList<>();
        Object imageBefore = digest(before.get("image"));
        Object imageAfter = digest(after.get("image"));
        if (!Objects.equals(imageBefore, imageAfter)) {
            changes.add(change("image", "digest", "changed", imageBefore, imageAfter));
        }
        Map<String, Object> settingsBefore = map(before.get("settings"));
        Map<String, Object> settingsAfter = map(after.get("settings"));
        for (String name : union(settingsBefore, settingsAfter)) {
            Object from = settingsBefore.get(name);
            Object to = settingsAfter.get(name);
            if (isKeyedHash(from) || isKeyedHash(to)) {
                String change = keyedChange(text(from), text(to));
                if (change != null) {
                    changes.add(change("setting", name, change, null, null));
                }
            } else if (!Objects.equals(from, to)) {
                changes.add(change("setting", name, from == null ? "added" : to == null ? "removed" : "changed",
                        from, to));
            }
        }
        Map<String, Object> variablesBefore = map(before.get("configuration"));
        Map<String, Object> variablesAfter = map(after.get("configuration"));
        // By name, so the page lists them in the same order whatever order the maps were written in.
        for (String name : new TreeSet<>(union(variablesBefore, variablesAfter))) {
            String change = keyedChange(text(variablesBefore.get(name)), text(variablesAfter.get(name)));
            if (change != null) {
                changes.add(change("variable", name, change, null, null));
            }
        }
        return changes;
    }

    /** What happened to a hashed value, {@code null} for nothing; hashes under different keys cannot be compared. */
    private static String keyedChange(final String from, final String to) {
        if (from == null) {
            return to == null ? null : "added";
        } else if (to == null) {
            return "removed";
        } else if (!keyOf(from).equals(keyOf(to)) || keyOf(from).isEmpty()) {
            return "unknown";
        }
        return from.equals(to) ? null : "changed";
    }

    private static boolean isKeyedHash(final Object value) {
        return value instanceof String text && text.startsWith("hmac-sha256:");
    }

    /** {@code hmac-sha256:<key id>:<hex>} names its key; a plain SHA-256 (older ledgers) names none. */
    private static String keyOf(final String hash) {
        if (!hash.startsWith("hmac-sha256:")) {
            return "";
        }
        int end = hash.indexOf(':', "hmac-sha256:".length());
        return end < 0 ? "" : hash.substring(0, end);
    }

    private static Map<String, Object> change(final String kind, final String name, final String change,
            final Object from, final Object to) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind);
        json.put("name", name);
        json.put("change", change);
        if (!"variable".equals(kind)) {
            if (from != null || to != null) {
                json.put("from", from);
                json.put("to", to);
            }
        }
        return json;
    }

    private static Object digest(final Object image) {
        return image instanceof Map<?, ?> map ? map.get("digest") : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    private static String text(final Object value) {
        return value instanceof String text ? text : null;
    }

    private static Set<String> union(final Map<String, Object> a, final Map<String, Object> b) {
        Set<String> names = new LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        return names;
    }
}
