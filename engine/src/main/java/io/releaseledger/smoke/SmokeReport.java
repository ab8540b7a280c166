package io.releaseledger.smoke;

import io.releaseledger.health.CheckResult;
import io.releaseledger.health.SecretMask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of a {@link SmokeCheckRun}: passed or not, one result per check (and target), the total time, and why
 * the run stopped early. Renders as a table for the log, JUnit XML for Jenkins' test results, and the ledger's
 * {@code check.recorded} data. Secrets are masked in all three, value by value before they are formatted, so every
 * output stays valid whatever the secrets are.
 */
public final class SmokeReport {
    private static final int MAX_DETAIL = 120;

    private final List<CheckResult> results;
    private final Set<Integer> skipped;
    private final Duration total;
    private final String stopReason;
    private final SecretMask mask;

    SmokeReport(final List<CheckResult> results, final Set<Integer> skipped, final Duration total,
            final String stopReason, final SecretMask mask) {
        this.results = List.copyOf(results);
        this.skipped = Set.copyOf(skipped);
        this.total = total;
        this.stopReason = stopReason;
        this.mask = mask;
    }

    /** Every check passed (a WARNING that does not fail counts as passed). */
    public boolean isPassed() {
        return !results.isEmpty() && results.stream().allMatch(CheckResult::isPassed);
    }

    /** One result per check and target, in the order of the checks. */
    public List<CheckResult> getResults() {
        return results;
    }

    /** Whether the result at {@code index} is of a check that did not finish (failFast or the deadline). */
    public boolean isSkipped(final int index) {
        return skipped.contains(index);
    }

    public Duration getTotal() {
        return total;
    }

    /** Why the run stopped before every check finished ({@code failFast: …}, the deadline), or {@code null}. */
    public String getStopReason() {
        return stopReason;
    }

    public int countPassed() {
        return (int) results.stream().filter(CheckResult::isPassed).count();
    }

    /** A compact text table, one line per result, and a summary line. */
    public String toTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RESULT", "CHECK", "TARGET", "TRY", "TIME", "DETAIL"});
        for (int i = 0; i < results.size(); i++) {
            CheckResult result = results.get(i);
            // Masked before cutting: a cut must not leave the first half of a secret.
            rows.add(new String[] {status(i), mask.apply(result.getName()),
                    result.getTarget() == null ? "-" : mask.apply(result.getTarget()),
                    result.getAttempt() == 0 ? "-" : Integer.toString(result.getAttempt()),
                    format(Duration.ofMillis(result.getMillis())), cut(mask.apply(result.getDetail()))});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                table.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            table.append(row[5]).append('\n');
        }
        table.append(summary()).append('\n');
        return table.toString();
    }

    /** {@code Smoke checks passed: 5 of 5 in 1.2 s} or {@code … failed: 3 of 5 passed, 1 not finished (…)}. */
    public String summary() {
        int passed = countPassed();
        return "Smoke checks " + (isPassed() ? "passed: " + passed + " of " + results.size()
                : "failed: " + passed + " of " + results.size() + " passed"
                        + (skipped.isEmpty() ? "" : ", " + skipped.size() + " not finished"))
                + " in " + format(total) + (stopReason == null ? "" : " (" + mask.apply(stopReason) + ")");
    }

    /** A JUnit XML testsuite, one testcase per result; failures carry expected and actual. */
    public String toJUnitXml(final String suiteName) {
        return new JUnitXml(suiteName, this, mask).toString();
    }

    /** The ledger's {@code check.recorded} data of an environment's smoke run. */
    public Map<String, Object> toJson(final String version, final String deploymentId, final String environment) {
        return toJson(version, deploymentId, environment, null);
    }

    /**
     * {@code {version, deploymentId?, passed, results, run: "smoke", environment, server?, millis, stopReason?}}.
     *
     * @param server the one server the run checked during server cycling, or {@code null}
     */
    public Map<String, Object> toJson(final String version, final String deploymentId, final String environment,
            final String server) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        if (deploymentId != null) {
            data.put("deploymentId", deploymentId);
        }
        data.put("passed", isPassed());
        List<Object> list = new ArrayList<>();
        for (CheckResult result : results) {
            list.add(result.masked(mask).toJson());
        }
        data.put("results", list);
        data.put("run", "smoke");
        data.put("environment", environment);
        if (server != null) {
            data.put("server", server);
        }
        data.put("millis", total.toMillis());
        if (stopReason != null) {
            data.put("stopReason", stopReason);
        }
        return mask.applyToObject(data);
    }

    String status(final int index) {
        CheckResult result = results.get(index);
        if (skipped.contains(index)) {
            return "SKIP";
        }
        if (!result.isPassed()) {
            return "FAIL";
        }
        return result.isWarning() ? "WARN" : "PASS";
    }

    private static String cut(final String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL - 1) + "…" : line;
    }

    /** {@code 12 ms}, {@code 1.5 s}, {@code 2 min}. */
    static String format(final Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 120_000) {
            String seconds = String.format(Locale.ROOT, "%.1f", millis / 1000.0);
            return (seconds.endsWith(".0") ? seconds.substring(0, seconds.length() - 2) : seconds) + " s";
        }
        return millis % 60_000 == 0 ? millis / 60_000 + " min" : millis / 1000 + " s";
    }
}
