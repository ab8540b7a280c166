package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Who did something: a user id and a display name, as recorded in every ledger event. */
public final class Actor {
    private final String id;
    private final String name;

    public Actor(final String id, final String name) {
        if (id == null || id.isBlank()) {
            throw new ReleaseLedgerException("A ledger event needs the id of the user who caused it.");
        }
        this.id = id;
        this.name = name == null || name.isBlank() ? id : name;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** {@code {"id": …, "name": …}} in this order. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        return json;
    }

    /** Reads {@link #toJson()}; a missing name becomes the id. */
    public static Actor fromJson(final Map<String, Object> json) {
        if (json == null) {
            throw new ReleaseLedgerException("The event has no actor.");
        }
        Object id = json.get("id");
        Object name = json.get("name");
        if (!(id instanceof String)) {
            throw new ReleaseLedgerException("The event's actor has no id.");
        }
        return new Actor((String) id, name instanceof String ? (String) name : null);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Actor that && id.equals(that.id) && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name);
    }

    @Override
    public String toString() {
        return name + " (" + id + ")";
    }
}
