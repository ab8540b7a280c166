package io.releaseledger.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The outcome of one run of one check; {@link #toJson()} is the shape the ledger's {@code check.recorded} holds. */
public final class CheckResult {
    private final String name;
    private final String kind;
    private final boolean passed;
    private final boolean fatal;
    private final String detail;
    private final long millis;

    private CheckResult(final String name, final String kind, final boolean passed, final boolean fatal,
            final String detail, final long millis) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.passed = passed;
        this.fatal = fatal;
        this.detail = detail == null ? "" : detail;
        this.millis = millis;
    }

    public static CheckResult passed(final String name, final String kind, final String detail, final long millis) {
        return new CheckResult(name, kind, true, false, detail, millis);
    }

    /** A failure that may go away: the gate tries again. */
    public static CheckResult failed(final String name, final String kind, final String detail, final long millis) {
        return new CheckResult(name, kind, false, false, detail, millis);
    }

    /** A failure that waiting cannot fix (the container exited, restarts, runs another image): the gate stops. */
    public static CheckResult fatal(final String name, final String kind, final String detail, final long millis) {
        return new CheckResult(name, kind, false, true, detail, millis);
    }

    public boolean isPassed() {
        return passed;
    }

    /** Whether the gate should give up at once rather than try again. */
    public boolean isFatal() {
        return fatal;
    }

    public String getName() {
        return name;
    }

    public String getKind() {
        return kind;
    }

    /** What was seen, such as {@code 200 OK in 12 ms} or {@code expected 200, got 503}. */
    public String getDetail() {
        return detail;
    }

    /** How long the check took. */
    public long getMillis() {
        return millis;
    }

    /** {@code {name, kind, passed, detail, millis}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("kind", kind);
        json.put("passed", passed);
        json.put("detail", detail);
        json.put("millis", millis);
        return json;
    }

    @Override
    public String toString() {
        return name + ": " + (passed ? "passed" : "failed") + ", " + detail;
    }
}
