package io.releaseledger.ledger;

import io.releaseledger.json.InstantText;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The committer times of a release's commits as the read model keeps them: epoch milliseconds, one per commit, in
 * the order of the {@code version.tagged} event's {@code commits}, then its {@code omittedCommitTimes} (epoch seconds,
 * for the commits a long release does not list); {@link ReadModel#NO_TIME} for a commit recorded
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
        add(parse(time));
    }

    private void add(final long parsed) {
        any |= parsed != ReadModel.NO_TIME;
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        times[size++] = parsed;
    }

    /** Adds the time of the next commit in epoch seconds ({@code omittedCommitTimes}); anything else is unknown. */
    void addEpochSecond(final Object seconds) {
        add(seconds instanceof Long || seconds instanceof Integer ? millis(((Number) seconds).longValue())
                : ReadModel.NO_TIME);
    }

    long[] toArray() {
        return any ? Arrays.copyOf(times, size) : NONE;
    }

    private static long millis(final long seconds) {
        try {
            return Math.multiplyExact(seconds, 1000L);
        } catch (ArithmeticException e) {
            return ReadModel.NO_TIME;
        }
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
