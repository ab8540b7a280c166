package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.json.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the journal, numbered and chained. The JSON object it was read from is kept whole, unknown
 * fields, types and newer schemas included, so that the event can be written back and hashed exactly as it
 * was recorded.
 */
public final class LedgerEvent {
    /** The schema this version writes. */
    public static final int SCHEMA = 1;

    private final Map<String, Object> json;
    private final int schema;
    private final long sequence;
    private final String type;
    private final Instant time;
    private final String application;
    private final String environment;
    private final Actor actor;
    private final Origin origin;
    private final Map<String, Object> data;
    private final String previousHash;
    private final String hash;
    private final String line;

    private LedgerEvent(final Map<String, Object> json, final String line) {
        this.json = json;
        this.line = line;
        schema = (int) requireLong(json, "schema", 1, Integer.MAX_VALUE);
        sequence = requireLong(json, "seq", 1, Long.MAX_VALUE);
        type = requireString(json, "type");
        previousHash = requireHash(json, "prev");
        hash = requireHash(json, "hash");
        boolean known = schema <= SCHEMA;
        time = readTime(json.get("at"), known);
        Object app = json.get("application");
        if (known && !(app instanceof String)) {
            throw invalid("has no application");
        }
        application = app instanceof String ? (String) app : null;
        Object env = json.get("environment");
        environment = env instanceof String ? (String) env : null;
        actor = readPart(json.get("actor"), known, "actor", true);
        origin = readPart(json.get("origin"), known, "origin", false);
        Object values = json.get("data");
        data = asObject(values);
    }

    /**
     * Reads an event from its JSON object (as {@link Json#parseObject} gives it).
     *
     * @throws ReleaseLedgerException if the object lacks what every schema has (schema, seq, type, prev, hash)
     *         or, for schema 1, what schema 1 requires
     */
    public static LedgerEvent fromJson(final Map<String, Object> json) {
        return new LedgerEvent(freezeObject(json), null);
    }

    /** Reads one journal line, keeping its text for hashing. */
    static LedgerEvent fromLine(final String line) {
        return new LedgerEvent(freezeObject(Json.parseObject(line)), line);
    }

    /**
     * The event a writer just wrote: {@code written} is the object {@code line} was written from (compact JSON of the
     * same members in the same order). It gives what {@link #fromLine} reads back from the line (integers as
     * {@code Long}, enums and characters as text) without parsing megabytes again; for a value whose text form is
     * not that simple (a fraction, a big number, another type) the line is read back instead.
     */
    static LedgerEvent written(final Map<String, Object> written, final String line) {
        Map<String, Object> json;
        try {
            json = freezeWrittenObject(written);
        } catch (NotPlain e) {
            return fromLine(line);
        }
        return new LedgerEvent(json, line);
    }

    /** Like {@link #fromLine}, for a line whose JSON object was parsed already (the same text). */
    static LedgerEvent fromParsedLine(final Map<String, Object> parsed, final String line) {
        return new LedgerEvent(freezeObject(parsed), line);
    }

    public int getSchema() {
        return schema;
    }

    public long getSequence() {
        return sequence;
    }

    public String getType() {
        return type;
    }

    /** When it happened; {@code null} only for a newer schema whose time this version cannot read. */
    public Instant getTime() {
        return time;
    }

    public String getApplication() {
        return application;
    }

    /** The environment, or {@code null} for events that concern none ({@code version.tagged}, …). */
    public String getEnvironment() {
        return environment;
    }

    /** Who; {@code null} only for a newer schema without a readable actor. */
    public Actor getActor() {
        return actor;
    }

    /** Which build or CLI run; {@code null} only for a newer schema without a readable origin. */
    public Origin getOrigin() {
        return origin;
    }

    /** The type-specific data as unmodifiable JSON values; empty when absent. */
    public Map<String, Object> getData() {
        return data;
    }

    public String getPreviousHash() {
        return previousHash;
    }

    /** The id of the ledger key that sealed this event, or {@code null} (written without a key, or not a text). */
    public String getKeyId() {
        return json.get("key") instanceof String key ? key : null;
    }

    /** Whether the event names a ledger key (sealed, or claiming to be). */
    boolean hasKeyMember() {
        return json.containsKey("key") || json.containsKey("mac");
    }

    public String getHash() {
        return hash;
    }

    /** Whether this version knows the schema and the type. */
    public boolean isKnown() {
        return schema <= SCHEMA && EventTypes.isKnown(type);
    }

    /** The whole event as recorded, unknown fields included, in recorded order (unmodifiable). */
    public Map<String, Object> toJson() {
        return json;
    }

    /** The journal line without its newline: as read, or as this version writes it. */
    String line() {
        return line != null ? line : Json.writeAscii(json);
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + type + (environment == null ? "" : " " + environment);
    }

    private static Instant readTime(final Object value, final boolean required) {
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                if (required) {
                    throw invalid("has an unreadable time '" + text + "'");
                }
                return null;
            }
        }
        if (required) {
            throw invalid("has no time ('at')");
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <T> T readPart(final Object value, final boolean required, final String name,
            final boolean actor) {
        if (value instanceof Map) {
            try {
                Map<String, Object> map = (Map<String, Object>) value;
                return (T) (actor ? Actor.fromJson(map) : Origin.fromJson(map));
            } catch (ReleaseLedgerException e) {
                if (required) {
                    throw invalid("has an unreadable " + name + ": " + e.getMessage());
                }
                return null;
            }
        }
        if (required) {
            throw invalid("has no " + name);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(final Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Collections.emptyMap();
    }

    private static long requireLong(final Map<String, Object> json, final String key, final long min,
            final long max) {
        Object value = json.get(key);
        if (!(value instanceof Long number) || number < min || number > max) {
            throw invalid("has no valid '" + key + "' (found " + Json.describe(value) + ")");
        }
        return number;
    }

    private static String requireString(final Map<String, Object> json, final String key) {
        Object value = json.get(key);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw invalid("has no '" + key + "'");
        }
        return text;
    }

    private static String requireHash(final Map<String, Object> json, final String key) {
        String value = requireString(json, key);
        if (!JournalHashing.isHash(value)) {
            throw invalid("has no valid '" + key + "' hash (64 lower-case hex digits)");
        }
        return value;
    }

    private static ReleaseLedgerException invalid(final String what) {
        return new ReleaseLedgerException("The line is not a ledger event: it " + what + ".");
    }

    @SuppressWarnings("unchecked")
    private static Object freeze(final Object value) {
        if (value instanceof Map) {
            return freezeObject((Map<String, Object>) value);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(freeze(item));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** A written value whose parsed form is not worked out here (see {@link #written}). */
    private static final class NotPlain extends Exception {
        private static final long serialVersionUID = 1L;

        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static Object freezeWritten(final Object value) throws NotPlain {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return freezeWrittenObject(map);
        }
        if (value instanceof java.util.Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            for (Object item : collection) {
                copy.add(freezeWritten(item));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new NotPlain();
    }

    private static Map<String, Object> freezeWrittenObject(final Map<?, ?> map) throws NotPlain {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new NotPlain();
            }
            copy.put(key, freezeWritten(entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, Object> freezeObject(final Map<String, Object> map) {
        if (map == null) {
            throw invalid("is not a JSON object");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, freeze(value)));
        return Collections.unmodifiableMap(copy);
    }
}
