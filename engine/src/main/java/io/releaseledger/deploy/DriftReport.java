package io.releaseledger.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verdict of a drift check: the differences found, and what could not be read. {@link #isDrifted()} when any
 * difference was found; {@link #isComplete()} when every part (hosts, load balancer, registry) was read. The JSON is
 * what {@code drift --json} prints and, with the findings trimmed, what the {@code drift.*} events record.
 */
public final class DriftReport {
    private final String environment;
    private final String version;
    private final String digest;
    private final List<DriftFinding> findings;
    private final List<String> unknown;
    private final List<String> seen;
    private final boolean locked;

    /**
     * @param unknown what could not be read, one sentence each
     * @param seen    what was read and matched, one line each (hosts, load balancer, registry)
     */
    public DriftReport(final DriftExpectation expected, final List<DriftFinding> findings, final List<String> unknown,
            final List<String> seen) {
        this.environment = expected.getEnvironment();
        this.version = expected.getVersion();
        this.digest = expected.getDigest();
        this.locked = expected.isLocked();
        this.findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
        this.unknown = List.copyOf(unknown);
        this.seen = List.copyOf(seen);
    }

    public String getEnvironment() {
        return environment;
    }

    /** The version the ledger says runs there, {@code null} for none. */
    public String getVersion() {
        return version;
    }

    public List<DriftFinding> getFindings() {
        return findings;
    }

    public List<String> getUnknown() {
        return unknown;
    }

    public boolean isDrifted() {
        return !findings.isEmpty();
    }

    public boolean isComplete() {
        return unknown.isEmpty();
    }

    /** One sentence: no drift, the differences, or what could not be read. */
    public String summary() {
        String what = version == null ? "nothing deployed" : version + (digest == null ? "" : " ("
                + DriftComparison.shortDigest(digest) + ")");
        if (isDrifted()) {
            return environment + " drifted from the ledger (" + what + "): " + findings.size() + " difference"
                    + (findings.size() == 1 ? "" : "s") + ": " + String.join("; ", findings.stream()
                            .map(DriftFinding::describe).toList()) + unknownSuffix();
        }
        if (!isComplete()) {
            return environment + ": drift unknown, " + String.join("; ", unknown);
        }
        return environment + " runs what the ledger records: " + what + "; " + String.join("; ", seen);
    }

    private String unknownSuffix() {
        return unknown.isEmpty() ? "" : "; not read: " + String.join("; ", unknown);
    }

    /** A table for people: one line per difference, then what could not be read, then the summary's verdict. */
    public String toTable() {
        StringBuilder table = new StringBuilder();
        table.append(String.format("Drift of %s (ledger: %s)%n", environment, version == null ? "nothing deployed"
                : version + (digest == null ? "" : " " + DriftComparison.shortDigest(digest))));
        if (locked) {
            table.append("  note: a deploy holds the lock; differences may be that deploy at work").append('\n');
        }
        for (String line : seen) {
            table.append(String.format("  ok       %s%n", line));
        }
        for (DriftFinding finding : findings) {
            table.append(String.format("  DRIFT    %-12s %-32s %s (ledger: %s)%n", finding.getKind(),
                    finding.getSubject(), finding.getActual(), finding.getExpected()));
        }
        for (String line : unknown) {
            table.append(String.format("  UNKNOWN  %s%n", line));
        }
        table.append(isDrifted() ? findings.size() + " difference" + (findings.size() == 1 ? "" : "s")
                + ": drifted" : isComplete() ? "No drift" : "Drift unknown: a part could not be read").append('\n');
        return table.toString();
    }

    /** {@code {environment, version, digest, drifted, complete, locked, findings, unknown, seen, summary}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", environment);
        json.put("version", version);
        json.put("digest", digest);
        json.put("drifted", isDrifted());
        json.put("complete", isComplete());
        json.put("locked", locked);
        List<Object> list = new ArrayList<>();
        findings.forEach(finding -> list.add(finding.toJson()));
        json.put("findings", list);
        json.put("unknown", new ArrayList<>(unknown));
        json.put("seen", new ArrayList<>(seen));
        json.put("summary", summary());
        return json;
    }
}
