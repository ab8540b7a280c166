package io.releaseledger.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one run of one check; {@link #toJson()} is the shape the ledger's {@code check.recorded} holds.
 * Immutable: the {@code with…} methods return a changed copy.
 */
public final class CheckResult {
    /** The longest {@link #getActual()} kept; what comes back is trimmed to it. */
    public static final int MAX_ACTUAL = 300;
    /**
     * What is kept of an answer until it is shown: far more than is shown, so {@link #masked} sees a secret whole
     * before the cut to {@link #MAX_ACTUAL} (cutting first could leave half a secret that no mask matches).
     */
    static final int MAX_KEPT = 64 * 1024;

    private final String name;
    private final String kind;
    private final boolean passed;
    private final boolean fatal;
    private final String detail;
    private final long millis;
    private String expected;
    private String actual;
    private int attempt;
    private String target;
    private boolean warning;
    private List<PerfDatum> perfData = List.of();
    private String attachment;

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

    private CheckResult copy(final String newDetail, final long newMillis) {
        return copy(name, newDetail, newMillis);
    }

    private CheckResult copy(final String newName, final String newDetail, final long newMillis) {
        CheckResult copy = new CheckResult(newName, kind, passed, fatal, newDetail, newMillis);
        copy.expected = expected;
        copy.actual = actual;
        copy.attempt = attempt;
        copy.target = target;
        copy.warning = warning;
        copy.perfData = perfData;
        copy.attachment = attachment;
        return copy;
    }

    /** The same result under another name (a default name with the placeholders filled for its target). */
    public CheckResult withName(final String newName) {
        return copy(Objects.requireNonNull(newName, "name"), detail, millis);
    }

    /** What the check expected, such as {@code status 200} or {@code body contains "UP"}. */
    public CheckResult withExpected(final String text) {
        CheckResult copy = copy(detail, millis);
        copy.expected = text;
        return copy;
    }

    /** What came back, trimmed to {@link #MAX_ACTUAL} characters on one line. */
    public CheckResult withActual(final String text) {
        CheckResult copy = copy(detail, millis);
        copy.actual = text == null ? null : text.length() > MAX_KEPT ? text.substring(0, MAX_KEPT) : text;
        return copy;
    }

    /** Which attempt (from 1) this result comes from. */
    public CheckResult withAttempt(final int number) {
        CheckResult copy = copy(detail, millis);
        copy.attempt = number;
        return copy;
    }

    /** The server or address checked, such as {@code 10.0.0.5:8080} or {@code docker-1}. */
    public CheckResult withTarget(final String text) {
        CheckResult copy = copy(detail, millis);
        copy.target = text;
        return copy;
    }

    /** Passed with a warning (a Nagios WARNING that does not fail). */
    public CheckResult withWarning(final boolean value) {
        CheckResult copy = copy(detail, millis);
        copy.warning = value;
        return copy;
    }

    public CheckResult withPerfData(final List<PerfDatum> data) {
        CheckResult copy = copy(detail, millis);
        copy.perfData = List.copyOf(data);
        return copy;
    }

    /** A file kept with the result, such as a screenshot. */
    public CheckResult withAttachment(final String path) {
        CheckResult copy = copy(detail, millis);
        copy.attachment = path;
        return copy;
    }

    /** The same result with another duration (the runner measures attempts itself). */
    public CheckResult withMillis(final long newMillis) {
        return copy(detail, newMillis);
    }

    /** Every secret of {@code mask} replaced in every text of the result. */
    public CheckResult masked(final SecretMask mask) {
        CheckResult copy = copy(mask.apply(name), mask.apply(detail), millis);
        copy.expected = mask.apply(expected);
        copy.actual = mask.apply(actual);
        copy.target = mask.apply(target);
        copy.attachment = mask.apply(attachment);
        return copy;
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

    /** What was expected, or {@code null}. */
    public String getExpected() {
        return expected;
    }

    /** What came back (trimmed to one line of {@link #MAX_ACTUAL} characters), or {@code null}. */
    public String getActual() {
        return trim(actual);
    }

    /** The attempt this result comes from, from 1; 0 when not known. */
    public int getAttempt() {
        return attempt;
    }

    /** The server or address checked, or {@code null}. */
    public String getTarget() {
        return target;
    }

    /** Passed, but with a warning. */
    public boolean isWarning() {
        return warning;
    }

    /** Performance data a command reported, in its order. */
    public List<PerfDatum> getPerfData() {
        return perfData;
    }

    /** A file kept with the result (a screenshot), or {@code null}. */
    public String getAttachment() {
        return attachment;
    }

    /** {@code {name, kind, passed, detail, millis}} and, when set, expected, actual, attempt, target, warning, perfdata, attachment. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("kind", kind);
        json.put("passed", passed);
        json.put("detail", detail);
        json.put("millis", millis);
        putIfSet(json, "expected", expected);
        putIfSet(json, "actual", getActual());
        if (attempt > 0) {
            json.put("attempt", attempt);
        }
        putIfSet(json, "target", target);
        if (warning) {
            json.put("warning", true);
        }
        if (!perfData.isEmpty()) {
            List<Object> data = new ArrayList<>();
            perfData.forEach(datum -> data.add(datum.toJson()));
            json.put("perfdata", data);
        }
        putIfSet(json, "attachment", attachment);
        return json;
    }

    private static void putIfSet(final Map<String, Object> json, final String key, final String value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    /** One line, at most {@link #MAX_ACTUAL} characters (an ellipsis marks a cut). */
    static String trim(final String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > MAX_ACTUAL ? line.substring(0, MAX_ACTUAL - 1) + "…" : line;
    }

    @Override
    public String toString() {
        return name + ": " + (passed ? "passed" : "failed") + ", " + detail;
    }
}
