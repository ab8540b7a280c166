package io.releaseledger.ledger;

import io.releaseledger.json.InstantText;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The committer times of a release's commits as the read model keeps them: epoch milliseconds, one per commit, in
 * the order of the {@code version.tagged} event's {@code commits}; {@link ReadModel#NO_TIME} for a commit recorded
 * without one (events written before commit times were recorded). A release none of whose commits has a time keeps
 * the shared empty array, so old ledgers cost nothing.
 */
final class CommitTimes {
    static final long[] NONE = new long[0];

    private long[] times = new long[4];
    private int size;
    private boolean any;

    /** Adds the time of the next commit: an ISO-8601 instant, anything else counts as unknown. */
    void add(final Object time) {
        long parsed = parse(time);
        any |= parsed != ReadModel.NO_TIME;
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        times[size++] = parsed;
    }

    long[] toArray() {
        return any ? Arrays.copyOf(times, size) : NONE;
    }

    /** Epoch milliseconds of an ISO-8601 instant, {@link ReadModel#NO_TIME} for anything else. */
    static long parse(final Object time) {
        if (!(time instanceof String text)) {
            return ReadModel.NO_TIME;
        }
        try {
            return InstantText.parseEpochMilli(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            return ReadModel.NO_TIME;
        }
    }
}
