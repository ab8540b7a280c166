package io.releaseledger.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Numbers distinct strings from 0, so that a million events store ints instead of repeated strings. */
final class Dictionary {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> values = new ArrayList<>();

    /** The id of the value, added when new; -1 for {@code null}. */
    int id(final String value) {
        if (value == null) {
            return -1;
        }
        Integer id = ids.get(value);
        if (id == null) {
            id = values.size();
            ids.put(value, id);
            values.add(value);
        }
        return id;
    }

    /** The id of the value, or -1 if unknown. */
    int find(final String value) {
        Integer id = value == null ? null : ids.get(value);
        return id == null ? -1 : id;
    }

    /** The value of an id; {@code null} for -1. */
    String get(final int id) {
        return id < 0 ? null : values.get(id);
    }

    int size() {
        return values.size();
    }

    List<String> values() {
        return values;
    }
}
