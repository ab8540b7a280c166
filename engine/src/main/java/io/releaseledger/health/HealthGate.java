package io.releaseledger.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a new instance must pass before it takes traffic: every check, within a timeout. {@link #await} runs all
 * checks, and again after each interval until all pass in one round or the timeout is reached. A check that reports
 * a failure waiting cannot fix ({@link CheckResult#isFatal()}: the container exited, restarts, runs another image)
 * ends the gate at once. One gate may check many instances, also at the same time.
 */
public final class HealthGate {
    private final List<HealthCheck> checks;
    private final Duration timeout;
    private final Duration interval;

    /**
     * @param checks   the checks, at least one
     * @param timeout  how long the instance has to pass them all (a round that started in time is finished)
     * @param interval the pause between two rounds
     */
    public HealthGate(final List<HealthCheck> checks, final Duration timeout, final Duration interval) {
        this.checks = List.copyOf(checks);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (this.checks.isEmpty()) {
            throw new IllegalArgumentException("a health gate needs at least one check");
        }
        if (timeout.isNegative() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("timeout must not be negative and interval must be positive, not "
                    + timeout + " and " + interval);
        }
    }

    public List<HealthCheck> getChecks() {
        return checks;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public Duration getInterval() {
        return interval;
    }

    /** Checks the target until every check passes, one fails for good, or the timeout is reached. */
    public GateResult await(final CheckTarget target) {
        Objects.requireNonNull(target, "target");
        List<HealthCheck> session = new ArrayList<>(checks.size());
        for (HealthCheck check : checks) {
            session.add(check.session());
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            List<CheckResult> results = runAll(session, target);
            long now = System.nanoTime();
            Duration waited = Duration.ofNanos(now - start);
            if (results.stream().allMatch(CheckResult::isPassed)) {
                return new GateResult(true, results, attempts, waited, null);
            }
            if (results.stream().anyMatch(CheckResult::isFatal)) {
                return new GateResult(false, results, attempts, waited, "stopped");
            }
            long left = deadline - now;
            if (left <= 0) {
                return new GateResult(false, results, attempts, waited, "gave up");
            }
            try {
                Thread.sleep(Math.max(1, Math.min(interval.toMillis(), (left + 999_999) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new GateResult(false, results, attempts, Duration.ofNanos(System.nanoTime() - start),
                        "interrupted");
            }
        }
    }

    private static List<CheckResult> runAll(final List<HealthCheck> session, final CheckTarget target) {
        List<CheckResult> results = new ArrayList<>(session.size());
        for (HealthCheck check : session) {
            long start = System.nanoTime();
            CheckResult result;
            try {
                result = Objects.requireNonNull(check.run(target), "result of " + check.getName());
            } catch (RuntimeException e) {
                result = CheckResult.failed(check.getName(), check.getKind(), String.valueOf(e.getMessage()),
                        Durations.millisSince(start));
            }
            results.add(result);
        }
        return results;
    }

    @Override
    public String toString() {
        return checks.size() + " checks within " + Durations.format(timeout) + ", every " + Durations.format(interval);
    }
}
