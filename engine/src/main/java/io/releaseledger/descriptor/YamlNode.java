package io.releaseledger.descriptor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The descriptor's document as the loader reads it: mappings, sequences and scalars, each with where it came
 * from (a line and column, or an override). Immutable; overrides build a changed copy.
 */
abstract class YamlNode {
    private final Origin origin;

    YamlNode(final Origin origin) {
        this.origin = origin;
    }

    Origin getOrigin() {
        return origin;
    }

    abstract String describe();

    /** Where a node came from: a position in the file (1-based) or an override given as a parameter. */
    static final class Origin {
        static final Origin UNKNOWN = new Origin(0, 0, null);

        private final int line;
        private final int column;
        private final String override;

        private Origin(final int line, final int column, final String override) {
            this.line = line;
            this.column = column;
            this.override = override;
        }

        static Origin at(final int line, final int column) {
            return new Origin(line, column, null);
        }

        static Origin override(final String key) {
            return new Origin(0, 0, key);
        }

        int getLine() {
            return line;
        }

        int getColumn() {
            return column;
        }

        String getOverride() {
            return override;
        }
    }

    /** A mapping with string keys, in document order. */
    static final class Mapping extends YamlNode {
        private final Map<String, YamlNode> entries;
        private final Map<String, Origin> keyOrigins;

        Mapping(final Origin origin, final Map<String, YamlNode> entries, final Map<String, Origin> keyOrigins) {
            super(origin);
            this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            this.keyOrigins = Collections.unmodifiableMap(new LinkedHashMap<>(keyOrigins));
        }

        Map<String, YamlNode> getEntries() {
            return entries;
        }

        Origin keyOrigin(final String key) {
            return keyOrigins.getOrDefault(key, getOrigin());
        }

        Mapping with(final String key, final YamlNode value, final Origin keyOrigin) {
            Map<String, YamlNode> changed = new LinkedHashMap<>(entries);
            Map<String, Origin> changedOrigins = new LinkedHashMap<>(keyOrigins);
            changed.put(key, value);
            changedOrigins.put(key, keyOrigin);
            return new Mapping(getOrigin(), changed, changedOrigins);
        }

        @Override
        String describe() {
            return "a mapping";
        }
    }

    /** A sequence. */
    static final class Sequence extends YamlNode {
        private final List<YamlNode> items;

        Sequence(final Origin origin, final List<YamlNode> items) {
            super(origin);
            this.items = List.copyOf(items);
        }

        List<YamlNode> getItems() {
            return items;
        }

        Sequence with(final int index, final YamlNode value) {
            List<YamlNode> changed = new java.util.ArrayList<>(items);
            changed.set(index, value);
            return new Sequence(getOrigin(), changed);
        }

        @Override
        String describe() {
            return "a list";
        }
    }

    /** A scalar: its text and what YAML 1.2 (core schema) resolved it to. */
    static final class Scalar extends YamlNode {
        enum Kind { STRING, INT, FLOAT, BOOL, NULL }

        private final String text;
        private final Kind kind;

        Scalar(final Origin origin, final String text, final Kind kind) {
            super(origin);
            this.text = text;
            this.kind = kind;
        }

        String getText() {
            return text;
        }

        Kind getKind() {
            return kind;
        }

        boolean isNull() {
            return kind == Kind.NULL;
        }

        @Override
        String describe() {
            switch (kind) {
                case INT:
                    return "a number";
                case FLOAT:
                    return "a decimal number";
                case BOOL:
                    return "a boolean";
                case NULL:
                    return "nothing";
                default:
                    return "a string";
            }
        }
    }
}
