package io.releaseledger.policy;

import java.time.Instant;

/** One occurrence of a freeze window: when it starts and ends. */
public final class FreezeOccurrence {
    private final FreezeWindow window;
    private final Instant start;
    private final Instant end;

    public FreezeOccurrence(final FreezeWindow window, final Instant start, final Instant end) {
        this.window = window;
        this.start = start;
        this.end = end;
    }

    public FreezeWindow getWindow() {
        return window;
    }

    public Instant getStart() {
        return start;
    }

    public Instant getEnd() {
        return end;
    }
}
