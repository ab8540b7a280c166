package io.releaseledger.deploy;

import io.releaseledger.ReleaseLedgerException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a smoke run produced, in the forms the front ends need, secrets already masked: passed or not, the
 * {@code check.recorded} data (a smoke report's JSON), the table for the log, the JUnit
 * XML report and the summary line. Crosses the agent protocol as JSON.
 */
public final class SmokeOutcome {
    private final boolean passed;
    private final Map<String, Object> report;
    private final String table;
    private final String junitXml;
    private final String summary;
    private Map<String, Object> drift;

    public SmokeOutcome(final boolean passed, final Map<String, Object> report, final String table,
            final String junitXml, final String summary) {
        this.passed = passed;
        this.report = report;
        this.table = Objects.requireNonNull(table, "table");
        this.junitXml = Objects.requireNonNull(junitXml, "junitXml");
        this.summary = Objects.requireNonNull(summary, "summary");
    }

    /** The report of the run's drift check ({@link DriftReport#toJson()}), {@code null} without one. */
    public SmokeOutcome setDrift(final Map<String, Object> drift) {
        this.drift = drift;
        return this;
    }

    public Map<String, Object> getDrift() {
        return drift;
    }

    public boolean isPassed() {
        return passed;
    }

    /** {@code {version, passed, results, run: "smoke", environment, millis, stopReason?}}: the ledger's data. */
    public Map<String, Object> getReport() {
        return report;
    }

    /** One line per check and target, then the summary line. */
    public String getTable() {
        return table;
    }

    /** A JUnit XML {@code testsuite}, one {@code testcase} per check and target. */
    public String getJUnitXml() {
        return junitXml;
    }

    /** {@code Smoke checks passed: 5 of 5 in 1.2 s}, or what failed. */
    public String getSummary() {
        return summary;
    }

    /** {@code {passed, report, table, junitXml, summary, drift?}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", passed);
        json.put("report", report);
        json.put("table", table);
        json.put("junitXml", junitXml);
        json.put("summary", summary);
        if (drift != null) {
            json.put("drift", drift);
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    public static SmokeOutcome fromJson(final Map<String, Object> json) {
        Object passed = json.get("passed");
        Object report = json.get("report");
        if (!(passed instanceof Boolean) || !(report instanceof Map)) {
            throw new ReleaseLedgerException("the smoke outcome lacks \"passed\" or its \"report\" object");
        }
        Object drift = json.get("drift");
        return new SmokeOutcome((Boolean) passed, new LinkedHashMap<>((Map<String, Object>) report),
                text(json, "table"), text(json, "junitXml"), text(json, "summary"))
                .setDrift(drift instanceof Map ? new LinkedHashMap<>((Map<String, Object>) drift) : null);
    }

    private static String text(final Map<String, Object> json, final String name) {
        Object value = json.get(name);
        if (!(value instanceof String)) {
            throw new ReleaseLedgerException("the smoke outcome lacks its \"" + name + "\" text");
        }
        return (String) value;
    }
}
