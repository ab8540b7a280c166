package io.releaseledger.rollout;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.deploy.DriftComparison;
import io.releaseledger.deploy.DriftExecutor;
import io.releaseledger.deploy.DriftExpectation;
import io.releaseledger.deploy.DriftFinding;
import io.releaseledger.deploy.DriftReport;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.health.CheckResult;
import io.releaseledger.health.CheckTarget;
import io.releaseledger.health.HealthCheck;

import java.util.Objects;

/**
 * The {@code drift} smoke check: observes the environment and compares it with what the ledger expects. Passes when
 * reality matches; fails when it drifted or a part could not be read. Keeps its last report, which the smoke run
 * hands back so that the ledger records the drift verdict too.
 */
final class DriftCheck implements HealthCheck {
    static final String KIND = "drift";

    private final DriftExecutor observer;
    private final DriftComparison comparison;
    private final DriftExpectation expected;
    private final String name;
    private volatile DriftReport last;

    DriftCheck(final String name, final DriftExecutor observer, final EnvironmentSpec environment,
            final DriftExpectation expected) {
        this.name = Objects.requireNonNull(name, "name");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.comparison = new DriftComparison(environment, expected);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getKind() {
        return KIND;
    }

    @Override
    public boolean usesTarget() {
        return false;
    }

    /** The report of the last run, {@code null} before the first. */
    DriftReport getLastReport() {
        return last;
    }

    @Override
    public synchronized CheckResult run(final CheckTarget target) {
        long start = System.nanoTime();
        DriftReport report;
        try {
            report = comparison.compare(observer.observe(expected));
        } catch (ReleaseLedgerException e) {
            return CheckResult.failed(name, KIND, e.getMessage(), millisSince(start));
        }
        last = report;
        long millis = millisSince(start);
        String ledger = expected.getVersion() == null ? "nothing deployed" : expected.getVersion();
        if (report.isDrifted()) {
            // kinds and places first: a table trims the detail, the full sentences are in actual
            int count = report.getFindings().size();
            String detail = "drifted, " + count + " difference" + (count == 1 ? "" : "s") + ": " + String.join(", ",
                    report.getFindings().stream().map(f -> f.getKind() + " " + f.getSubject()).toList());
            return CheckResult.failed(name, KIND, detail, millis).withExpected("as the ledger records: "
                    + ledger).withActual(String.join("; ", report.getFindings().stream().map(DriftFinding::describe)
                            .toList()));
        }
        if (!report.isComplete()) {
            return CheckResult.failed(name, KIND, report.summary(), millis).withExpected("as the ledger records: "
                    + ledger).withActual("not read: " + String.join("; ", report.getUnknown()));
        }
        return CheckResult.passed(name, KIND, report.summary(), millis);
    }

    private static long millisSince(final long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
