package io.releaseledger.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Wall-clock spans of a command's phases, for finding where a run's time goes (docs/performance.md). Off unless the
 * front end {@link #enable enables} it (the CLI does under {@code RELEASE_LEDGER_TIMINGS=1}); when off, a span costs
 * one field read. The engine only collects; the front end prints.
 *
 * <pre>{@code
 * long start = PhaseTimings.start();
 * ... work ...
 * PhaseTimings.end("history walk", start);
 * }</pre>
 */
public final class PhaseTimings {
    private static volatile boolean enabled;
    private static final List<String> SPANS = new ArrayList<>();

    private PhaseTimings() {
    }

    /** Starts collecting spans in this process. */
    public static void enable() {
        enabled = true;
    }

    public static boolean isEnabled() {
        return enabled;
    }

    /** The start of a span: {@link System#nanoTime()} when enabled, else 0. */
    public static long start() {
        return enabled ? System.nanoTime() : 0;
    }

    /** Ends a span that {@link #start()} began: records its name and milliseconds (with one decimal). */
    public static void end(final String phase, final long start) {
        if (!enabled) {
            return;
        }
        long micros = (System.nanoTime() - start) / 1_000;
        String span = String.format("%-44s %8.1f ms  [%s]", phase, micros / 1000.0, Thread.currentThread().getName());
        synchronized (SPANS) {
            SPANS.add(span);
        }
    }

    /** Off again, nothing recorded (for tests: the flag is process-wide). */
    public static void reset() {
        enabled = false;
        synchronized (SPANS) {
            SPANS.clear();
        }
    }

    /** The spans recorded so far, in the order they ended. */
    public static List<String> spans() {
        synchronized (SPANS) {
            return List.copyOf(SPANS);
        }
    }
}
