package io.releaseledger.health;

import java.time.Duration;
import java.util.Locale;

/** Short human durations for details: {@code 12 ms}, {@code 4.2 s}, {@code 2 min}. */
final class Durations {
    private static final long MILLIS_PER_SECOND = 1000;
    private static final long MILLIS_PER_MINUTE = 60_000;

    private Durations() {
    }

    static long millisSince(final long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static String format(final Duration duration) {
        return formatMillis(duration.toMillis());
    }

    static String formatMillis(final long millis) {
        if (millis < MILLIS_PER_SECOND) {
            return millis + " ms";
        }
        if (millis < MILLIS_PER_MINUTE || millis % MILLIS_PER_SECOND != 0 && millis < 10 * MILLIS_PER_MINUTE) {
            String seconds = String.format(Locale.ROOT, "%.1f", millis / 1000.0);
            return (seconds.endsWith(".0") ? seconds.substring(0, seconds.length() - 2) : seconds) + " s";
        }
        return millis % MILLIS_PER_MINUTE == 0 ? millis / MILLIS_PER_MINUTE + " min" : millis / MILLIS_PER_SECOND + " s";
    }
}
