package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reading of one mapping at a field path. Unknown keys are reported when it is made; every read reports a
 * wrong type or a missing required value and returns {@code null} or the default, so the reading goes on.
 */
final class Fields {
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private final Problems problems;
    private final String path;
    private final YamlNode.Mapping mapping;

    private Fields(final Problems problems, final String path, final YamlNode.Mapping mapping) {
        this.problems = problems;
        this.path = path;
        this.mapping = mapping;
    }

    /** Reads {@code node} as a mapping with the given keys; {@code null} (after a problem) if it is something else. */
    static Fields of(final Problems problems, final String path, final YamlNode node, final Set<String> keys) {
        if (!(node instanceof YamlNode.Mapping)) {
            problems.add(path, node, "expected a mapping, found " + node.describe());
            return null;
        }
        YamlNode.Mapping mapping = (YamlNode.Mapping) node;
        for (String key : mapping.getEntries().keySet()) {
            if (!keys.contains(key)) {
                problems.add(path, mapping.keyOrigin(key),
                        "unknown key '" + key + "'" + Suggestions.didYouMean(key, keys));
            }
        }
        return new Fields(problems, path, mapping);
    }

    static String child(final String path, final String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String path() {
        return path;
    }

    String path(final String key) {
        return child(path, key);
    }

    YamlNode.Mapping mapping() {
        return mapping;
    }

    Problems problems() {
        return problems;
    }

    /** The value of {@code key}, {@code null} when absent or written as nothing. */
    YamlNode node(final String key) {
        YamlNode node = mapping.getEntries().get(key);
        if (node instanceof YamlNode.Scalar && ((YamlNode.Scalar) node).isNull()) {
            return null;
        }
        return node;
    }

    boolean has(final String key) {
        return node(key) != null;
    }

    /** Reports that a required key is missing. */
    void missing(final String key, final String hint) {
        YamlNode present = mapping.getEntries().get(key);
        YamlNode.Origin origin = present != null ? present.getOrigin() : mapping.getOrigin();
        problems.add(path(key), origin, "is required" + (hint.isEmpty() ? "" : "; " + hint));
    }

    String requiredString(final String key, final String hint) {
        if (!has(key)) {
            missing(key, hint);
            return null;
        }
        return string(key, null);
    }

    String string(final String key, final String defaultValue) {
        YamlNode node = node(key);
        return node == null ? defaultValue : text(problems, path(key), node);
    }

    Integer integer(final String key, final Integer defaultValue, final int min, final int max) {
        YamlNode node = node(key);
        return node == null ? defaultValue : integer(problems, path(key), node, min, max);
    }

    boolean bool(final String key, final boolean defaultValue) {
        YamlNode node = node(key);
        if (node == null) {
            return defaultValue;
        }
        if (node instanceof YamlNode.Scalar && ((YamlNode.Scalar) node).getKind() == YamlNode.Scalar.Kind.BOOL) {
            return Boolean.parseBoolean(((YamlNode.Scalar) node).getText().toLowerCase(java.util.Locale.ROOT));
        }
        problems.add(path(key), node, "expected true or false, found " + describe(node));
        return defaultValue;
    }

    Duration duration(final String key, final Duration defaultValue) {
        YamlNode node = node(key);
        return node == null ? defaultValue : duration(problems, path(key), node);
    }

    /** A list of strings; a single string is taken as a list of one. */
    List<String> strings(final String key) {
        YamlNode node = node(key);
        if (node == null) {
            return List.of();
        }
        if (node instanceof YamlNode.Scalar) {
            String value = text(problems, path(key), node);
            return value == null ? List.of() : List.of(value);
        }
        List<String> values = new ArrayList<>();
        if (!(node instanceof YamlNode.Sequence)) {
            problems.add(path(key), node, "expected a list of strings, found " + node.describe());
            return values;
        }
        List<YamlNode> items = ((YamlNode.Sequence) node).getItems();
        for (int i = 0; i < items.size(); i++) {
            String value = text(problems, path(key) + "[" + i + "]", items.get(i));
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** A mapping of strings to strings, in the order written. */
    Map<String, String> stringMap(final String key) {
        YamlNode node = node(key);
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof YamlNode.Mapping)) {
            problems.add(path(key), node, "expected a mapping of names to values, found " + node.describe());
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : ((YamlNode.Mapping) node).getEntries().entrySet()) {
            String value = text(problems, path(key) + "." + entry.getKey(), entry.getValue());
            if (value != null) {
                values.put(entry.getKey(), value);
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** A list of items, each read by the caller; empty (after a problem) if the value is not a list. */
    List<YamlNode> list(final String key) {
        YamlNode node = node(key);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof YamlNode.Sequence)) {
            problems.add(path(key), node, "expected a list, found " + node.describe());
            return List.of();
        }
        return ((YamlNode.Sequence) node).getItems();
    }

    static String text(final Problems problems, final String path, final YamlNode node) {
        if (node instanceof YamlNode.Scalar) {
            YamlNode.Scalar scalar = (YamlNode.Scalar) node;
            if (scalar.isNull()) {
                problems.add(path, node, "a value is required");
                return null;
            }
            if (scalar.getKind() == YamlNode.Scalar.Kind.STRING || scalar.getKind() == YamlNode.Scalar.Kind.INT
                    || scalar.getKind() == YamlNode.Scalar.Kind.FLOAT) {
                return scalar.getText();
            }
            problems.add(path, node, "expected a string, found " + describe(node) + "; quote it if you mean the text");
            return null;
        }
        problems.add(path, node, "expected a string, found " + node.describe());
        return null;
    }

    static Integer integer(final Problems problems, final String path, final YamlNode node, final int min,
            final int max) {
        if (node instanceof YamlNode.Scalar && ((YamlNode.Scalar) node).getText().trim().matches("[-+]?[0-9]{1,9}")
                && ((YamlNode.Scalar) node).getKind() != YamlNode.Scalar.Kind.BOOL) {
            int value = Integer.parseInt(((YamlNode.Scalar) node).getText().trim());
            if (value < min || value > max) {
                problems.add(path, node, "must be between " + min + " and " + max + ", found " + value);
                return null;
            }
            return value;
        }
        problems.add(path, node, "expected a whole number, found " + describe(node));
        return null;
    }

    static Duration duration(final Problems problems, final String path, final YamlNode node) {
        if (node instanceof YamlNode.Scalar) {
            Matcher matcher = DURATION.matcher(((YamlNode.Scalar) node).getText().trim());
            if (matcher.matches() && matcher.group(1).length() <= 9) {
                long amount = Long.parseLong(matcher.group(1));
                switch (matcher.group(2)) {
                    case "ms":
                        return Duration.ofMillis(amount);
                    case "s":
                        return Duration.ofSeconds(amount);
                    case "m":
                        return Duration.ofMinutes(amount);
                    default:
                        return Duration.ofHours(amount);
                }
            }
        }
        problems.add(path, node, "expected a duration such as 500ms, 30s, 5m or 1h, found " + describe(node));
        return null;
    }

    static String describe(final YamlNode node) {
        if (node instanceof YamlNode.Scalar && !((YamlNode.Scalar) node).isNull()) {
            return "'" + ((YamlNode.Scalar) node).getText() + "'";
        }
        return node.describe();
    }
}
