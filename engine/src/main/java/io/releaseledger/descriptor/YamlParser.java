package io.releaseledger.descriptor;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML text into {@link YamlNode}s with snakeyaml-engine's composer, which keeps the position of every node.
 * A syntax error ends the load at once (with its line and column); duplicate keys and keys that are not strings
 * are collected as problems and the reading goes on.
 */
final class YamlParser {
    private static final int MAX_ALIASES = 50;

    private final Problems problems;
    private final Map<Node, Boolean> active = new IdentityHashMap<>();

    private YamlParser(final Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or {@code null} when the text holds no document. */
    static YamlNode parse(final String text, final Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(problems.getSource())
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true) // reported by convert(), together with everything else
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setParseComments(false)
                // The whole text in one window: with the default 1,024 the reader copies its window again for every
                // 1,024 characters of one token, so a 4 MB comment took 10 s and 16 MB over 400 s.
                .setBufferSize(text.length() + 1)
                .build();
        Optional<Node> root;
        try {
            ParserImpl events = new ParserImpl(settings, new StreamReader(settings, text));
            root = new Composer(settings, new GuardedEvents(events)).getSingleNode();
        } catch (GuardedEvents.Refused e) {
            problems.add("", origin(e.getMark()), e.getMessage());
            problems.throwIfAny();
            return null;
        } catch (MarkedYamlEngineException e) {
            problems.add("", origin(e.getProblemMark().or(e::getContextMark)), "YAML syntax error: " + syntaxMessage(e));
            problems.throwIfAny();
            return null;
        } catch (YamlEngineException e) {
            problems.add("", YamlNode.Origin.UNKNOWN, "YAML error: " + e.getMessage());
            problems.throwIfAny();
            return null;
        }
        return root.map(node -> new YamlParser(problems).convert(node, "")).orElse(null);
    }

    private static String syntaxMessage(final MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        if (context.isEmpty()) {
            return problem;
        }
        return problem.isEmpty() ? context : context + ": " + problem;
    }

    private static YamlNode.Origin origin(final Optional<Mark> mark) {
        return mark.map(m -> YamlNode.Origin.at(m.getLine() + 1, m.getColumn() + 1)).orElse(YamlNode.Origin.UNKNOWN);
    }

    private YamlNode convert(final Node node, final String path) {
        YamlNode.Origin origin = origin(node.getStartMark());
        if (active.size() >= GuardedEvents.MAX_DEPTH) {
            // Aliases repeat nodes inside others, so the text's own depth (checked while parsing) is not enough.
            problems.add(path, origin, "the document is nested deeper than " + GuardedEvents.MAX_DEPTH
                    + " levels, counting what aliases repeat");
            problems.throwIfAny();
        }
        if (active.containsKey(node)) {
            problems.add(path, origin, "an alias may not refer to a node that contains it");
            return new YamlNode.Scalar(origin, "", YamlNode.Scalar.Kind.NULL);
        }
        active.put(node, Boolean.TRUE);
        try {
            if (node instanceof MappingNode) {
                return mapping((MappingNode) node, path, origin);
            }
            if (node instanceof SequenceNode) {
                List<YamlNode> items = new ArrayList<>();
                List<Node> values = ((SequenceNode) node).getValue();
                for (int i = 0; i < values.size(); i++) {
                    items.add(convert(values.get(i), path + "[" + i + "]"));
                }
                return new YamlNode.Sequence(origin, items);
            }
            return scalar((ScalarNode) node, path, origin);
        } finally {
            active.remove(node);
        }
    }

    private YamlNode mapping(final MappingNode node, final String path, final YamlNode.Origin origin) {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, YamlNode.Origin> keyOrigins = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            YamlNode.Origin keyOrigin = origin(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode)) {
                problems.add(path, keyOrigin, "a key must be a plain string, not " + (keyNode instanceof MappingNode
                        ? "a mapping" : "a list"));
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            if (Tag.MERGE.equals(keyNode.getTag()) || "<<".equals(key)) {
                problems.add(path, keyOrigin, "merge keys ('<<') are not supported; repeat the values or use an "
                        + "alias (*name) for a whole value");
                continue;
            }
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (entries.containsKey(key)) {
                YamlNode.Origin first = keyOrigins.get(key);
                problems.add(path, keyOrigin, "duplicate key '" + key + "' (first at line " + first.getLine() + ")");
                continue;
            }
            entries.put(key, convert(tuple.getValueNode(), childPath));
            keyOrigins.put(key, keyOrigin);
        }
        return new YamlNode.Mapping(origin, entries, keyOrigins);
    }

    private YamlNode scalar(final ScalarNode node, final String path, final YamlNode.Origin origin) {
        Tag tag = node.getTag();
        YamlNode.Scalar.Kind kind;
        if (Tag.STR.equals(tag)) {
            kind = YamlNode.Scalar.Kind.STRING;
        } else if (Tag.INT.equals(tag)) {
            kind = YamlNode.Scalar.Kind.INT;
        } else if (Tag.FLOAT.equals(tag)) {
            kind = YamlNode.Scalar.Kind.FLOAT;
        } else if (Tag.BOOL.equals(tag)) {
            kind = YamlNode.Scalar.Kind.BOOL;
        } else if (Tag.NULL.equals(tag)) {
            kind = YamlNode.Scalar.Kind.NULL;
        } else {
            problems.add(path, origin, "the tag '" + tag.getValue() + "' is not supported; write a plain value");
            kind = YamlNode.Scalar.Kind.STRING;
        }
        return new YamlNode.Scalar(origin, node.getValue(), kind);
    }

    /** Reads one override value as YAML would read a plain scalar: {@code 3} a number, {@code true} a boolean. */
    static YamlNode.Scalar overrideValue(final String key, final String text) {
        YamlNode.Origin origin = YamlNode.Origin.override(key);
        String trimmed = text.trim();
        if (trimmed.matches("[-+]?[0-9]+")) {
            return new YamlNode.Scalar(origin, trimmed, YamlNode.Scalar.Kind.INT);
        }
        if (trimmed.equals("true") || trimmed.equals("false")) {
            return new YamlNode.Scalar(origin, trimmed, YamlNode.Scalar.Kind.BOOL);
        }
        if (trimmed.isEmpty() || trimmed.equals("null") || trimmed.equals("~")) {
            return new YamlNode.Scalar(origin, trimmed, YamlNode.Scalar.Kind.NULL);
        }
        return new YamlNode.Scalar(origin, text, YamlNode.Scalar.Kind.STRING);
    }
}
