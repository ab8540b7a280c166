package io.releaseledger.ledger;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ledger keys a reader or writer holds: the current key (which seals new events and checkpoints), retired keys
 * (which still verify the events they sealed) and the ids of lost keys (whose events keep their hash chain but can no
 * longer be authenticated). Immutable.
 *
 * <pre>{@code
 * LedgerKeys keys = LedgerKeys.of(LedgerKey.of(newSecret)).withRetired(LedgerKey.of(oldSecret));
 * try (Ledger ledger = Ledger.open(root, "shop", notes, keys)) { … }
 * }</pre>
 */
public final class LedgerKeys {
    private static final LedgerKeys NONE = new LedgerKeys(null, Map.of(), Set.of(), null);

    private final LedgerKey current;
    private final Map<String, LedgerKey> known;
    private final Set<String> lost;
    private final SealedLedgerList sealedLedgers;

    private LedgerKeys(final LedgerKey current, final Map<String, LedgerKey> known, final Set<String> lost,
            final SealedLedgerList sealedLedgers) {
        this.current = current;
        this.known = known;
        this.lost = lost;
        this.sealedLedgers = sealedLedgers;
    }

    /** No key: events are written unsealed, sealed events are read with their hash chain checked but not their MAC. */
    public static LedgerKeys none() {
        return NONE;
    }

    /** {@code current} seals what is written from now on. */
    public static LedgerKeys of(final LedgerKey current) {
        Objects.requireNonNull(current, "current");
        return new LedgerKeys(current, Map.of(current.getId(), current), Set.of(), null);
    }

    /** Adds a key that no longer seals but still verifies the events and checkpoints it sealed. */
    public LedgerKeys withRetired(final LedgerKey retired) {
        Objects.requireNonNull(retired, "retired");
        Map<String, LedgerKey> all = new LinkedHashMap<>(known);
        all.putIfAbsent(retired.getId(), retired);
        return new LedgerKeys(current, Map.copyOf(all), lost, sealedLedgers);
    }

    /**
     * Declares a key lost (recovery): events it sealed are read with their hash chain checked and reported as not
     * authenticated, and the next writer rotates from it to the current key.
     */
    public LedgerKeys withLost(final String keyId) {
        if (!LedgerKey.isId(keyId)) {
            throw new IllegalArgumentException("A ledger key id is 16 hex digits (lower case), not '" + keyId + "'.");
        }
        Set<String> all = new LinkedHashSet<>(lost);
        all.add(keyId);
        return new LedgerKeys(current, known, Set.copyOf(all), sealedLedgers);
    }

    /**
     * Keeps the list of sealed ledgers in {@code list} (outside every ledger directory): a writer adds a ledger when it
     * seals its first event, and a ledger on the list whose journal holds no sealed event is damage (its seals were
     * removed). Without a list such a journal reads as one written before the ledger had a key.
     */
    public LedgerKeys withSealedLedgers(final SealedLedgerList list) {
        return new LedgerKeys(current, known, lost, Objects.requireNonNull(list, "list"));
    }

    /** These keys without the list of sealed ledgers: to read a journal as it is, whatever the list says of it. */
    LedgerKeys withoutSealedLedgers() {
        return new LedgerKeys(current, known, lost, null);
    }

    /** The list of sealed ledgers, or {@code null}. */
    public SealedLedgerList getSealedLedgers() {
        return sealedLedgers;
    }

    /** The key new events are sealed with, or {@code null}. */
    public LedgerKey getCurrent() {
        return current;
    }

    /** Whether there is no key at all (no current, retired or lost one). */
    public boolean isEmpty() {
        return known.isEmpty() && lost.isEmpty();
    }

    LedgerKey find(final String keyId) {
        return known.get(keyId);
    }

    boolean isLost(final String keyId) {
        return lost.contains(keyId) && !known.containsKey(keyId);
    }

    /** The ids held, for messages: {@code 1a2b…, lost 3c4d…}. */
    String describeIds() {
        if (isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder(String.join(", ", known.keySet()));
        for (String id : lost) {
            text.append(text.length() > 0 ? ", " : "").append("lost ").append(id);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "ledger keys " + describeIds();
    }
}
