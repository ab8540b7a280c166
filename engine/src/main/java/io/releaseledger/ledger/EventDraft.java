package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event before the journal numbers and chains it: type, actor and origin are required; environment, data
 * and time are optional (time defaults to the moment of the append).
 */
public final class EventDraft {
    private final String type;
    private final Actor actor;
    private final Origin origin;
    private String environment;
    private Map<String, Object> data = new LinkedHashMap<>();
    private Instant time;

    public EventDraft(final String type, final Actor actor, final Origin origin) {
        if (type == null || type.isBlank()) {
            throw new ReleaseLedgerException("A ledger event needs a type.");
        }
        if (actor == null) {
            throw new ReleaseLedgerException("A ledger event of type " + type + " needs an actor.");
        }
        if (origin == null) {
            throw new ReleaseLedgerException("A ledger event of type " + type + " needs an origin.");
        }
        this.type = type;
        this.actor = actor;
        this.origin = origin;
    }

    public EventDraft setEnvironment(final String environment) {
        this.environment = environment;
        return this;
    }

    /** JSON values only (maps, lists, strings, numbers, booleans, null); copied, key order kept. */
    public EventDraft setData(final Map<String, Object> data) {
        this.data = data == null ? new LinkedHashMap<>() : new LinkedHashMap<>(data);
        return this;
    }

    public EventDraft setTime(final Instant time) {
        this.time = time;
        return this;
    }

    public String getType() {
        return type;
    }

    public Actor getActor() {
        return actor;
    }

    public Origin getOrigin() {
        return origin;
    }

    public String getEnvironment() {
        return environment;
    }

    public Map<String, Object> getData() {
        return data;
    }

    /** The time set, or {@code null} for "when appended". */
    public Instant getTime() {
        return time;
    }
}
