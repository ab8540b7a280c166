package io.releaseledger.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The outcome of {@link HealthGate#await}: passed or not, and the results of the last round of checks. */
public final class GateResult {
    private final boolean passed;
    private final List<CheckResult> results;
    private final int attempts;
    private final Duration waited;
    private final String stopReason;

    GateResult(final boolean passed, final List<CheckResult> results, final int attempts, final Duration waited,
            final String stopReason) {
        this.passed = passed;
        this.results = List.copyOf(results);
        this.attempts = attempts;
        this.waited = waited;
        this.stopReason = stopReason;
    }

    public boolean isPassed() {
        return passed;
    }

    /** The results of the last round, one per check, in the gate's order. */
    public List<CheckResult> getResults() {
        return results;
    }

    /** How many rounds ran. */
    public int getAttempts() {
        return attempts;
    }

    /** How long the gate took. */
    public Duration getWaited() {
        return waited;
    }

    /** The {@code results} of the ledger's {@code check.recorded} event. */
    public List<Map<String, Object>> toJson() {
        return results.stream().map(CheckResult::toJson).collect(Collectors.toList());
    }

    /**
     * One line: {@code all 2 checks passed after 3 attempts in 4.2 s}, or the first failing check and its detail,
     * {@code http /health failed: expected 200, got 503 (gave up after 30 attempts in 60.1 s)}.
     */
    public String describe() {
        String took = attempts + (attempts == 1 ? " attempt" : " attempts") + " in " + Durations.format(waited);
        if (passed) {
            return (results.size() == 1 ? "the check" : "all " + results.size() + " checks") + " passed after " + took;
        }
        CheckResult failed = results.stream().filter(r -> !r.isPassed()).findFirst().orElse(null);
        String what = failed == null ? "the health gate failed" : failed.getName() + " failed: " + failed.getDetail();
        return what + " (" + stopReason + " after " + took + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
