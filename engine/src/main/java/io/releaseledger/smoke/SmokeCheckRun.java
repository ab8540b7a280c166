package io.releaseledger.smoke;

import io.releaseledger.health.CheckResult;
import io.releaseledger.health.CheckTarget;
import io.releaseledger.health.HealthCheck;
import io.releaseledger.health.SecretMask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs smoke checks in parallel (a bounded pool), each attempt within its timeout, failed ones again after an
 * exponential backoff when they allow retries, all within an overall deadline; with {@code failFast} the first
 * failure stops the run and cancels the rest. A check whose result depends on the target runs once per target.
 * Single use, in the style of a JGit command:
 *
 * <pre>{@code
 * SmokeReport report = new SmokeCheckRun(checks, List.of(new CheckTarget("10.0.0.5", 8080, null, null)))
 *         .setDeadline(Duration.ofMinutes(1)).setFailFast(true).setSecretMask(factory.getSecretMask()).call();
 * }</pre>
 */
public final class SmokeCheckRun {
    private static final long GRACE_MILLIS = 250;

    private final List<SmokeCheck> checks;
    private final List<CheckTarget> targets;
    private int parallelism = io.releaseledger.descriptor.SmokeChecksSpec.DEFAULT_PARALLELISM;
    private Duration deadline = Duration.ofMinutes(2);
    private boolean failFast;
    private SecretMask mask = SecretMask.none();
    private final AtomicBoolean called = new AtomicBoolean();

    /**
     * @param checks  the checks, in the order of the report
     * @param targets the addresses checks with {@code {address}}/{@code {port}} run against: the environment's
     *                instances, or the one server being cycled; may be empty when no check needs one
     */
    public SmokeCheckRun(final List<SmokeCheck> checks, final List<CheckTarget> targets) {
        this.checks = List.copyOf(checks);
        this.targets = List.copyOf(targets);
    }

    /** How many checks run at the same time (default {@code SmokeChecksSpec.DEFAULT_PARALLELISM}). */
    public SmokeCheckRun setParallelism(final int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.parallelism = parallelism;
        return this;
    }

    /** How long the whole run may take (default 2 min); what still runs then is abandoned. */
    public SmokeCheckRun setDeadline(final Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, not " + deadline);
        }
        this.deadline = deadline;
        return this;
    }

    /** Stop at the first failure and cancel the checks still running (default off). */
    public SmokeCheckRun setFailFast(final boolean failFast) {
        this.failFast = failFast;
        return this;
    }

    /** The secret values to mask in every result (the checks mask their own too). */
    public SmokeCheckRun setSecretMask(final SecretMask mask) {
        this.mask = Objects.requireNonNull(mask, "mask");
        return this;
    }

    /** Runs the checks; may be called once. */
    public SmokeReport call() {
        if (!called.compareAndSet(false, true)) {
            throw new IllegalStateException("a SmokeCheckRun runs once; make a new one");
        }
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        List<Unit> units = units();
        AtomicReferenceArray<CheckResult> results = new AtomicReferenceArray<>(units.size());
        Set<Integer> skipped = new HashSet<>();
        ExecutorService drivers = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, units.size())),
                daemons("smoke-check"));
        ExecutorService attempts = Executors.newCachedThreadPool(daemons("smoke-attempt"));
        AtomicBoolean stop = new AtomicBoolean();
        String stopReason = null;
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(drivers);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < units.size(); i++) {
                int index = i;
                Unit unit = units.get(i);
                if (unit.ready != null) {
                    results.set(i, unit.ready);
                    continue;
                }
                futures.add(done.submit(() -> {
                    results.compareAndSet(index, null, new Attempts(unit, attempts, end, stop).run());
                    return index;
                }));
            }
            for (int pending = futures.size(); pending > 0; pending--) {
                long left = end - System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
                Future<Integer> next = left > 0 ? done.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    stopReason = "deadline of " + SmokeReport.format(deadline) + " reached";
                    break;
                }
                CheckResult result = results.get(next.get());
                if (failFast && result != null && !result.isPassed()) {
                    stopReason = "failFast: " + result.getName() + " failed";
                    break;
                }
            }
            if (stopReason != null) {
                stop.set(true);
                futures.forEach(future -> future.cancel(true));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopReason = "interrupted";
        } catch (ExecutionException e) {
            throw new IllegalStateException("a smoke check driver failed", e.getCause());
        } finally {
            drivers.shutdownNow();
            attempts.shutdownNow(); // interrupts abandoned attempts; a command check kills its program then
        }
        List<CheckResult> all = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            Unit unit = units.get(i);
            // a driver that ends only now loses to the "not finished" result: the report is what the run saw
            if (results.compareAndSet(i, null, CheckResult.failed(unit.check.getCheck().getName(),
                    unit.check.getCheck().getKind(), "not finished: " + (stopReason == null ? "cancelled"
                            : stopReason), 0).withTarget(unit.targetName))) {
                skipped.add(i);
            }
            all.add(results.get(i).masked(mask));
        }
        return new SmokeReport(all, skipped, Duration.ofNanos(System.nanoTime() - start), stopReason,
                mask);
    }

    private List<Unit> units() {
        List<Unit> units = new ArrayList<>();
        for (SmokeCheck check : checks) {
            HealthCheck health = check.getCheck();
            if (!health.usesTarget()) {
                units.add(new Unit(check, targets.isEmpty() ? new CheckTarget("127.0.0.1", 0, null, null)
                        : targets.get(0), null, false));
            } else if (targets.isEmpty()) {
                units.add(new Unit(check, null, CheckResult.failed(health.getName(), health.getKind(),
                        "no target: the check uses {address} or {port}, but the run has no address to check", 0),
                        true));
            } else {
                for (CheckTarget target : targets) {
                    units.add(new Unit(check, target, null, true));
                }
            }
        }
        return units;
    }

    private static ThreadFactory daemons(final String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One check against one target; {@code ready} is a result known without running. */
    static final class Unit {
        final SmokeCheck check;
        final CheckTarget target;
        final CheckResult ready;
        final String targetName;

        Unit(final SmokeCheck check, final CheckTarget target, final CheckResult ready, final boolean showTarget) {
            this.check = check;
            this.target = target;
            this.ready = ready;
            this.targetName = showTarget && target != null ? target.getAddress() + ":" + target.getPort() : null;
        }
    }
}
