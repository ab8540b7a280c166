package io.releaseledger.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A small JSON (RFC 8259) reader and writer without dependencies, so that the Jenkins controller can speak
 * the agent protocol without Jackson.
 *
 * <p>Parsing gives {@code Map<String, Object>} (key order kept), {@code List<Object>}, {@code String},
 * {@code Long} (or {@code BigInteger} when it does not fit), {@code Double}, {@code Boolean} and
 * {@code null}. Writing accepts the same types plus any other {@link Number}, {@link Enum} (its name) and
 * {@link Collection}.
 *
 * <pre>{@code
 * Map<String, Object> request = Json.parseObject("{\"protocol\": 1}");
 * String text = Json.write(Map.of("ok", true));
 * }</pre>
 */
public final class Json {
    /**
     * The longest text read, in characters: the ledger journal's longest line (64 MiB of ASCII), so every line the
     * ledger writes reads back. Longer text is refused before any of it is parsed.
     */
    public static final int MAX_DOCUMENT_CHARS = 64 << 20;
    /** The longest string value, in characters once escapes are decoded. */
    public static final int MAX_STRING_CHARS = 16 << 20;
    /** The longest number, in characters: longer ones took seconds per million digits to convert. */
    public static final int MAX_NUMBER_CHARS = 1000;
    /** The deepest nesting of arrays and objects; the reader recurses once per level. */
    public static final int MAX_DEPTH = 512;

    private Json() {
    }

    /**
     * Parses one JSON value; only whitespace may follow it.
     *
     * @throws JsonException if the text is not valid JSON or passes one of the bounds above; the message names line,
     *         column and offset
     */
    public static Object parse(final String text) {
        return new JsonReader(text).readDocument();
    }

    /**
     * Parses a JSON document that must be an object.
     *
     * @throws JsonException if the text is not valid JSON or not an object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(final String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new JsonException("expected a JSON object but found " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    /** Writes a value as compact JSON. */
    public static String write(final Object value) {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out, null, false).write(value);
        return readable(out);
    }

    /**
     * Writes a value as compact JSON in printable ASCII only: other characters become JSON unicode escapes,
     * so the text survives any ASCII-compatible charset between two processes (an agent's default charset may not
     * be UTF-8).
     */
    public static String writeAscii(final Object value) {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out, null, true).write(value);
        return readable(out);
    }

    /** Writes a value as JSON indented by two spaces, for people. */
    public static String writePretty(final Object value) {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out, "  ", false).write(value);
        return readable(out);
    }

    /** The writers refuse what the reader would: a value written is a value that reads back. */
    private static String readable(final StringBuilder out) {
        if (out.length() > MAX_DOCUMENT_CHARS) {
            throw new JsonException("cannot write JSON of " + out.length() + " characters; the most read back is "
                    + MAX_DOCUMENT_CHARS);
        }
        return out.toString();
    }

    /** Names the JSON type of a parsed value, for error messages. */
    public static String describe(final Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Long || value instanceof BigInteger || value instanceof Integer) {
            return "an integer";
        }
        if (value instanceof Double || value instanceof BigDecimal || value instanceof Number) {
            return "a number";
        }
        return value.getClass().getSimpleName();
    }
}
