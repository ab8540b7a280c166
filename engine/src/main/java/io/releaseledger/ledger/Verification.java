package io.releaseledger.ledger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of checking a journal's hash chain: intact, or the first bad line with its sequence number and
 * what is wrong there.
 */
public final class Verification {
    private final long events;
    private final long line;
    private final long sequence;
    private final String problem;

    private Verification(final long events, final long line, final long sequence, final String problem) {
        this.events = events;
        this.line = line;
        this.sequence = sequence;
        this.problem = problem;
    }

    static Verification intact(final long events) {
        return new Verification(events, 0, 0, null);
    }

    static Verification broken(final long events, final long line, final long sequence, final String problem) {
        return new Verification(events, line, sequence, problem);
    }

    public boolean isIntact() {
        return problem == null;
    }

    /** Complete lines in the journal (when intact: its events). */
    public long getEvents() {
        return events;
    }

    /** The first bad line, 1-based; 0 when intact. */
    public long getLine() {
        return line;
    }

    /**
     * The sequence number at the first bad line: the one written there when it can be read, otherwise the one
     * expected there; 0 when intact.
     */
    public long getSequence() {
        return sequence;
    }

    /** What is wrong at that line, for people; {@code null} when intact. */
    public String getProblem() {
        return problem;
    }

    /** As {@code api/verify}: {@code {"intact", "events"}} plus {@code "line", "seq", "problem"} when broken. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intact", isIntact());
        json.put("events", events);
        if (!isIntact()) {
            json.put("line", line);
            json.put("seq", sequence);
            json.put("problem", problem);
        }
        return json;
    }

    @Override
    public String toString() {
        return isIntact() ? "intact, " + events + " events"
                : "broken at line " + line + " (seq " + sequence + "): " + problem;
    }
}
