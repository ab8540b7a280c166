package io.releaseledger.descriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies single-value overrides ({@code environments.staging.strategy=recreate}) to a document, before it is
 * validated again as a whole. An environment is named by its name, a list item by its index.
 */
final class Overrides {
    /**
     * Why some keys stay as the file says: overrides come from the same workspace as step parameters or the command
     * line, and the names they would change are what the controller's policy (protected environments, which job owns
     * an application's ledger) is keyed on.
     */
    static final String POLICY_REASON = "the application's name, an environment's name and protected are policy; "
            + "change them in the descriptor file itself";

    private Overrides() {
    }

    /** The policy field an override would change ({@code application}, {@code environments.<e>.name|protected}). */
    private static String policyKey(final List<String> segments) {
        if (segments.get(0).equals("application")) {
            return "application";
        }
        if (segments.get(0).equals("environments") && segments.size() == 3
                && (segments.get(2).equals("name") || segments.get(2).equals("protected"))) {
            return "environments." + segments.get(1) + "." + segments.get(2);
        }
        return null;
    }

    static YamlNode apply(final YamlNode document, final Map<String, String> overrides, final Problems problems) {
        YamlNode result = document;
        for (Map.Entry<String, String> override : new java.util.TreeMap<>(overrides).entrySet()) {
            String key = override.getKey() == null ? "" : override.getKey().trim();
            if (override.getValue() == null) {
                problems.add(key, YamlNode.Origin.override(key), "an override needs a value");
                continue;
            }
            List<String> segments = List.of(key.split("\\.", -1));
            if (key.isEmpty() || segments.stream().anyMatch(String::isEmpty)) {
                problems.add(key, YamlNode.Origin.override(key), "'" + key + "' is not an override key; write a dotted "
                        + "path such as environments.staging.strategy");
                continue;
            }
            String policy = policyKey(segments);
            if (policy != null) {
                problems.add(key, YamlNode.Origin.override(key), "'" + policy + "' cannot be overridden: " + POLICY_REASON);
                continue;
            }
            YamlNode changed = set(result, segments, 0, "", YamlParser.overrideValue(key, override.getValue()), key,
                    problems);
            if (changed != null) {
                result = changed;
            }
        }
        return result;
    }

    /** The node with the value at {@code segments[index..]} replaced, or {@code null} after a problem. */
    private static YamlNode set(final YamlNode node, final List<String> segments, final int index, final String path,
            final YamlNode.Scalar value, final String key, final Problems problems) {
        String segment = segments.get(index);
        boolean last = index == segments.size() - 1;
        YamlNode.Origin origin = YamlNode.Origin.override(key);
        if (node instanceof YamlNode.Sequence) {
            YamlNode.Sequence sequence = (YamlNode.Sequence) node;
            int position = position(sequence, segment, path.equals("environments"));
            String itemPath = path + "[" + segment + "]";
            if (position < 0) {
                problems.add(path, origin, "no item '" + segment + "'" + (path.equals("environments")
                        ? Suggestions.didYouMean(segment, environmentNames(sequence)) : "; give an index from 0"));
                return null;
            }
            if (last) {
                return sequence.with(position, value);
            }
            YamlNode changed = set(sequence.getItems().get(position), segments, index + 1,
                    path + "[" + position + "]", value, key, problems);
            return changed == null ? null : sequence.with(position, changed);
        }
        YamlNode.Mapping mapping = expand(node, path);
        if (mapping == null) {
            problems.add(path, origin, "holds a single value; override '" + path + "' itself");
            return null;
        }
        String childPath = Fields.child(path, segment);
        if (last) {
            return mapping.with(segment, value, origin);
        }
        YamlNode child = mapping.getEntries().get(segment);
        if (child == null || child instanceof YamlNode.Scalar && ((YamlNode.Scalar) child).isNull()
                && !isShorthand(segment)) {
            child = new YamlNode.Mapping(origin, Map.of(), Map.of());
        }
        YamlNode changed = set(child, segments, index + 1, childPath, value, key, problems);
        return changed == null ? null : mapping.with(segment, changed, mapping.keyOrigin(segment));
    }

    /** A mapping as it is, or the long form of a shorthand ({@code strategy: rolling}, {@code instances: 3}). */
    private static YamlNode.Mapping expand(final YamlNode node, final String path) {
        if (node instanceof YamlNode.Mapping) {
            return (YamlNode.Mapping) node;
        }
        String shortKey = path.endsWith(".strategy") ? "type" : path.endsWith(".instances") ? "count" : null;
        if (shortKey == null || !(node instanceof YamlNode.Scalar)) {
            return null;
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, YamlNode.Origin> origins = new LinkedHashMap<>();
        if (!((YamlNode.Scalar) node).isNull()) {
            entries.put(shortKey, node);
            origins.put(shortKey, node.getOrigin());
        }
        return new YamlNode.Mapping(node.getOrigin(), entries, origins);
    }

    private static boolean isShorthand(final String segment) {
        return segment.equals("strategy") || segment.equals("instances");
    }

    private static int position(final YamlNode.Sequence sequence, final String segment, final boolean byName) {
        if (segment.matches("[0-9]{1,6}")) {
            int index = Integer.parseInt(segment);
            return index < sequence.getItems().size() ? index : -1;
        }
        if (!byName) {
            return -1;
        }
        List<String> names = environmentNames(sequence);
        return names.indexOf(segment);
    }

    private static List<String> environmentNames(final YamlNode.Sequence sequence) {
        List<String> names = new ArrayList<>();
        for (YamlNode item : sequence.getItems()) {
            YamlNode name = item instanceof YamlNode.Mapping ? ((YamlNode.Mapping) item).getEntries().get("name") : null;
            names.add(name instanceof YamlNode.Scalar ? ((YamlNode.Scalar) name).getText() : "");
        }
        return names;
    }
}
