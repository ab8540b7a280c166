package io.releaseledger.report;

/** A count with its noun in the right number, for messages: {@code 1 commit}, {@code 2 commits}, {@code 0 events}. */
public final class Counted {
    private Counted() {
    }

    /** {@code count} and {@code noun}, with an {@code s} (or {@code es} after s, x, ch, sh) unless the count is 1. */
    public static String of(final long count, final String noun) {
        if (count == 1) {
            return count + " " + noun;
        }
        boolean sibilant = noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh");
        return count + " " + noun + (sibilant ? "es" : "s");
    }
}
