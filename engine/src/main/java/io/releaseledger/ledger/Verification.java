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
    private final String unauthenticated;

    private Verification(final long events, final long line, final long sequence, final String problem,
            final String unauthenticated) {
        this.events = events;
        this.line = line;
        this.sequence = sequence;
        this.problem = problem;
        this.unauthenticated = unauthenticated;
    }

    static Verification intact(final long events) {
        return intact(events, null);
    }

    /** @param unauthenticated which events are not authenticated by a ledger key and why; {@code null}: none */
    static Verification intact(final long events, final String unauthenticated) {
        return new Verification(events, 0, 0, null, unauthenticated);
    }

    static Verification broken(final long events, final long line, final long sequence, final String problem) {
        return new Verification(events, line, sequence, problem, null);
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

    /**
     * Whether every event was checked against a ledger key (sealed with a key given, MAC correct): only then could no
     * one without the key have rewritten and re-sealed the journal. {@code false} when broken.
     */
    public boolean isAuthenticated() {
        return isIntact() && unauthenticated == null;
    }

    /** When intact but not authenticated: which events are not, and why (for people); otherwise {@code null}. */
    public String getUnauthenticated() {
        return unauthenticated;
    }

    /** What is wrong at that line, for people; {@code null} when intact. */
    public String getProblem() {
        return problem;
    }

    /**
     * As {@code api/verify}: {@code {"intact", "events", "authenticated"}} plus {@code "line", "seq", "problem"} when
     * broken, {@code "unauthenticated"} (why) when intact but not authenticated.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intact", isIntact());
        json.put("events", events);
        json.put("authenticated", isAuthenticated());
        if (unauthenticated != null) {
            json.put("unauthenticated", unauthenticated);
        }
        if (!isIntact()) {
            json.put("line", line);
            json.put("seq", sequence);
            json.put("problem", problem);
        }
        return json;
    }

    @Override
    public String toString() {
        return isIntact() ? "intact, " + events + " events" + (unauthenticated == null ? ", authenticated"
                : ", not authenticated: " + unauthenticated)
                : "broken at line " + line + " (seq " + sequence + "): " + problem;
    }
}
