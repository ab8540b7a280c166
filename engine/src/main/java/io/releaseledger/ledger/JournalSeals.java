package io.releaseledger.ledger;

import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;

/**
 * Checks the seals of journal events, one after the other: once an event is sealed with a ledger key, every later
 * event must be sealed with the same key until a {@code ledger.key-rotated} event names the next one, and each MAC must
 * match. An event sealed with a key the reader does not hold, or a wrong MAC, is damage; events written before the
 * ledger had a key, and events of a lost key or read without any key, are not authenticated until an event whose MAC
 * is checked follows them: it chains to them, so it vouches for them (that is how a first keyed write seals the past).
 */
final class JournalSeals {
    private final LedgerKeys keys;
    private final Map<String, Mac> macs = new HashMap<>();
    private String keyId;
    private long checkedThrough;
    private long lastSequence;
    private String uncheckedWhy;

    /** @param keyId the key the next event must be sealed with, {@code null} while the ledger has none */
    JournalSeals(final LedgerKeys keys, final String keyId) {
        this.keys = keys;
        this.keyId = keyId;
    }

    /** What is wrong with the seal of this (otherwise correctly chained) event, or {@code null}. */
    String check(final LedgerEvent event, final String line) {
        if (checkedThrough == 0 && lastSequence == 0) {
            checkedThrough = event.getSequence() - 1; // a chain that starts after a checkpoint vouched for before
        }
        if (!event.hasKeyMember()) {
            if (keyId != null) {
                return "the event is not sealed although the ledger is sealed with key " + keyId + " since an "
                        + "earlier event: it was written or re-sealed without the ledger key";
            }
            unchecked(event.getSequence(), "they were written without a ledger key (the first event written with "
                    + "one seals them)");
            return null;
        }
        String id = event.getKeyId();
        String input = JournalHashing.macInput(line);
        if (!LedgerKey.isId(id) || input == null) {
            return "the event's seal is malformed ('key' must be 16 hex digits and 'mac' the member before 'hash')";
        }
        boolean rotation = EventTypes.LEDGER_KEY_ROTATED.equals(event.getType());
        String to = rotation && event.getData().get("to") instanceof String next ? next : null;
        if (rotation && !LedgerKey.isId(to)) {
            return "the key rotation does not name the next key ('to' must be a key id)";
        }
        if (keyId != null && !keyId.equals(id) && !(rotation && keys.isLost(keyId) && id.equals(to))) {
            return "the event is sealed with key " + id + " where key " + keyId + " was expected (a ledger changes "
                    + "its key only through a ledger.key-rotated event sealed with the old key)";
        }
        LedgerKey key = keys.find(id);
        if (key == null) {
            if (keys.isEmpty()) {
                unchecked(event.getSequence(), "no ledger key was given to check their seals");
            } else if (keys.isLost(id)) {
                unchecked(event.getSequence(), "they are sealed with key " + id + ", which was declared lost (the "
                        + "next event written seals them with the current key)");
            } else {
                return "the event is sealed with key " + id + ", which is not one of the ledger keys given ("
                        + keys.describeIds() + "): it was re-sealed with another key, or its key was not given";
            }
        } else {
            Mac mac = macs.computeIfAbsent(id, any -> key.newMac());
            if (!LedgerKey.same(LedgerKey.hex(mac, input), JournalHashing.macOf(line))) {
                return "the event's MAC does not match key " + id + ": it was changed and re-sealed without the "
                        + "ledger key";
            }
            checkedThrough = event.getSequence();
            uncheckedWhy = null;
        }
        lastSequence = event.getSequence();
        keyId = rotation ? to : id;
        return null;
    }

    private void unchecked(final long sequence, final String why) {
        if (uncheckedWhy == null) {
            uncheckedWhy = why;
        } else if (!uncheckedWhy.contains(why)) {
            uncheckedWhy = uncheckedWhy + "; " + why;
        }
        lastSequence = sequence;
    }

    /** The key the next event must be sealed with; {@code null} while the ledger has none. */
    String getKeyId() {
        return keyId;
    }

    /** Why some events are not authenticated, for people; {@code null} when every event checked was. */
    String describeUnauthenticated() {
        if (lastSequence <= checkedThrough) {
            return null;
        }
        return "events " + (checkedThrough + 1) + " to " + lastSequence + " are not authenticated (their hash chain is "
                + "checked, not who wrote them): " + uncheckedWhy;
    }
}
