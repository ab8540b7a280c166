package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;

/** Checks journal lines link by link: sequence, {@code prev}, recomputed hash, application, seal ({@link JournalSeals}). */
final class JournalChain {
    private final String application;
    private long sequence;
    private String hash;
    private final JournalSeals seals;
    private String problem;
    private long problemSequence;

    JournalChain(final String application, final LedgerKeys keys) {
        this(application, keys, 0, JournalHashing.ZERO_HASH, null);
    }

    /** @param keyId the key the next event must be sealed with, {@code null} while the ledger has none */
    JournalChain(final String application, final LedgerKeys keys, final long sequence, final String hash,
            final String keyId) {
        this.application = application;
        this.sequence = sequence;
        this.hash = hash;
        this.seals = new JournalSeals(keys, keyId);
    }

    /** The event on this line if it is the next link, otherwise {@code null} with {@link #getProblem()} set. */
    LedgerEvent next(final String line) {
        long expected = sequence + 1;
        if (line.isEmpty()) {
            return fail(expected, "the line is empty");
        }
        LedgerEvent event;
        try {
            event = LedgerEvent.fromLine(line);
        } catch (ReleaseLedgerException e) {
            return fail(expected, "the line is not a ledger event (" + e.getMessage() + ")");
        }
        long found = event.getSequence();
        if (found != expected) {
            return fail(found, "the line carries sequence " + found + " where " + expected + " was expected: "
                    + "an event was deleted, duplicated or moved");
        }
        if (!event.getPreviousHash().equals(hash)) {
            return fail(found, "the line does not chain to the one before it (its 'prev' is not the previous "
                    + "event's hash): the line before it was edited, deleted or moved");
        }
        String computed = JournalHashing.expectedHash(line);
        if (computed == null) {
            return fail(found, "the line is not in canonical form (its 'hash' must be the last member)");
        }
        if (!computed.equals(event.getHash())) {
            return fail(found, "the line's content does not match its hash: it was edited");
        }
        if (application != null && event.getApplication() != null && !application.equals(event.getApplication())) {
            return fail(found, "the event belongs to application '" + event.getApplication() + "', not '"
                    + application + "': this is another application's journal");
        }
        String seal = seals.check(event, line);
        if (seal != null) {
            return fail(found, seal);
        }
        sequence = found;
        hash = event.getHash();
        return event;
    }

    private LedgerEvent fail(final long at, final String why) {
        problem = why;
        problemSequence = at;
        return null;
    }

    long getSequence() {
        return sequence;
    }

    String getHash() {
        return hash;
    }

    /** The key the next event must be sealed with; {@code null} while the ledger has none. */
    String getKeyId() {
        return seals.getKeyId();
    }

    /** Why some events read are not authenticated; {@code null} when all are. */
    String describeUnauthenticated() {
        return seals.describeUnauthenticated();
    }

    String getProblem() {
        return problem;
    }

    long getProblemSequence() {
        return problemSequence;
    }
}
