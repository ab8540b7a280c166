package io.releaseledger.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** Writes JDK values as JSON, compact or indented. */
final class JsonWriter {
    private final StringBuilder out;
    private final String indent;
    private final boolean asciiOnly;
    private int depth;

    /**
     * @param indent one level of indentation, or {@code null} for compact output
     * @param asciiOnly escape every character outside printable ASCII
     */
    JsonWriter(final StringBuilder out, final String indent, final boolean asciiOnly) {
        this.out = out;
        this.indent = indent;
        this.asciiOnly = asciiOnly;
    }

    void write(final Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            writeString((String) value);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Number) {
            writeNumber((Number) value);
        } else if (value instanceof Map) {
            writeObject((Map<?, ?>) value);
        } else if (value instanceof Collection) {
            writeArray((Collection<?>) value);
        } else if (value instanceof Enum) {
            writeString(((Enum<?>) value).name());
        } else if (value instanceof Character) {
            writeString(value.toString());
        } else {
            throw new JsonException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private void writeObject(final Map<?, ?> map) {
        enter();
        if (map.isEmpty()) {
            depth--;
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            if (!(entry.getKey() instanceof String)) {
                throw new JsonException("JSON object keys must be strings, not " + entry.getKey());
            }
            newLine();
            writeString((String) entry.getKey());
            out.append(indent == null ? ":" : ": ");
            write(entry.getValue());
            if (entries.hasNext()) {
                out.append(',');
            }
        }
        depth--;
        newLine();
        out.append('}');
    }

    private void writeArray(final Collection<?> values) {
        enter();
        if (values.isEmpty()) {
            depth--;
            out.append("[]");
            return;
        }
        out.append('[');
        Iterator<?> items = values.iterator();
        while (items.hasNext()) {
            newLine();
            write(items.next());
            if (items.hasNext()) {
                out.append(',');
            }
        }
        depth--;
        newLine();
        out.append(']');
    }

    private void enter() {
        depth++;
        if (depth > Json.MAX_DEPTH) {
            throw new JsonException("cannot write JSON nested deeper than " + Json.MAX_DEPTH
                    + " levels; the most read back is " + Json.MAX_DEPTH);
        }
    }

    private void writeNumber(final Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new JsonException("JSON has no representation for " + d);
            }
            out.append(d); // at most 25 characters
        } else if (number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte) {
            out.append(number);
        } else if (number instanceof BigInteger || number instanceof BigDecimal) {
            out.append(readable(number.toString()));
        } else {
            // Atomic numbers and others: their decimal form, checked by the reader's grammar.
            String text = readable(number.toString());
            new JsonReader(text).readDocument();
            out.append(text);
        }
    }

    private static String readable(final String number) {
        if (number.length() > Json.MAX_NUMBER_CHARS) {
            throw new JsonException("cannot write a number of " + number.length() + " characters as JSON; the most "
                    + "read back is " + Json.MAX_NUMBER_CHARS);
        }
        return number;
    }

    private void writeString(final String s) {
        if (s.length() > Json.MAX_STRING_CHARS) {
            throw new JsonException("cannot write a string of " + s.length() + " characters as JSON; the most read "
                    + "back is " + Json.MAX_STRING_CHARS);
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || asciiOnly && c > 0x7e) {
                        appendEscaped(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(i + 1));
                        i++;
                    } else if (Character.isSurrogate(c)) {
                        // A lone surrogate cannot be encoded in UTF-8; the escape keeps it lossless.
                        appendEscaped(c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void appendEscaped(final char c) {
        out.append(String.format("\\u%04x", (int) c));
    }

    private void newLine() {
        if (indent != null) {
            out.append('\n');
            out.append(indent.repeat(depth));
        }
    }
}
