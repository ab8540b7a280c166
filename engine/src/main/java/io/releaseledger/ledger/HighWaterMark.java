package io.releaseledger.ledger;

/**
 * How far a sealed ledger had got when it was last written: its event count and the hash of its last event (which
 * covers that event's MAC). Kept outside the ledger ({@link SealedLedgerList}), so that a journal and checkpoint both
 * replaced by an older genuine copy, whose seals all verify, are still found to be behind.
 */
final class HighWaterMark {
    final long sequence;
    final String hash;

    HighWaterMark(final long sequence, final String hash) {
        this.sequence = sequence;
        this.hash = hash;
    }

    /** Why a journal whose last event is {@code lastSequence} is behind this mark, or {@code null} when it is not. */
    String behind(final long lastSequence, final SealedLedgerList list, final Object directory) {
        if (lastSequence >= sequence) {
            return null;
        }
        if (lastSequence == 0) {
            return "the journal is empty, but this ledger had recorded " + sequence + " events (its high-water mark in "
                    + "the list of sealed ledgers " + list + "). If the ledger was deleted on purpose to start again at "
                    + "this path, forget the old one with `release-ledger key forget " + directory + "`; else restore "
                    + "the newest backup (see docs/security.md, \"Ledger integrity\")";
        }
        return "the journal ends with event " + lastSequence + ", but this ledger had recorded " + sequence
                + " events (its high-water mark in the list of sealed ledgers " + list + "): the journal, and its "
                + "checkpoint if any, were replaced by an older copy. Restore the newest backup; if the older copy is "
                + "restored on purpose, accept it with `release-ledger key forget --accept-restore " + directory
                + "` (see docs/security.md, \"Ledger integrity\")";
    }

    /** Why event {@code sequence} with {@code eventHash} is not the one marked, or {@code null}. */
    String otherEvent(final long eventSequence, final String eventHash, final SealedLedgerList list) {
        if (eventSequence != sequence || hash.equals(eventHash)) {
            return null;
        }
        return "event " + sequence + " is not the event " + sequence + " this ledger recorded (its hash differs from "
                + "the high-water mark in the list of sealed ledgers " + list + "): the journal was replaced by "
                + "another one";
    }

    @Override
    public String toString() {
        return sequence + " " + hash;
    }
}
