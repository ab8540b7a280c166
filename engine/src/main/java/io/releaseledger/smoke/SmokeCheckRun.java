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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs smoke checks in parallel (at most {@link #setParallelism} at a time), each attempt within its timeout, failed ones again after an
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
    private int parallelism; // 0: every unit at once, at most SmokeChecksSpec.MAX_PARALLELISM
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

    /**
     * How many checks run at the same time. By default every check (against every target) starts at once, at most
     * {@code SmokeChecksSpec.MAX_PARALLELISM}: http checks hold no thread while they wait, so the run takes about as
     * long as its slowest check.
     */
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

    /**
     * How many results the run gives: one per check and target for a check that uses {@code {address}}/{@code {port}},
     * one for any other check (the report counts these, "2 of 3 passed").
     */
    public int size() {
        return units().size();
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
        // no thread per check: http attempts wait on their client's selector, timeouts and backoffs on one timer
        // thread; only blocking kinds (command, tcp, browser, …) take a thread of this pool while they run
        ExecutorService blocking = Executors.newCachedThreadPool(daemons("smoke-attempt"));
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemons("smoke-timer"));
        timers.setRemoveOnCancelPolicy(true);
        AtomicBoolean stop = new AtomicBoolean();
        List<Attempts> attempts = new ArrayList<>();
        for (Unit unit : units) {
            attempts.add(unit.ready == null ? new Attempts(unit, blocking, timers, end, stop) : null);
        }
        Launcher launcher = new Launcher(attempts, results, stop);
        String stopReason = null;
        try {
            for (int i = 0; i < units.size(); i++) {
                if (units.get(i).ready != null) {
                    results.set(i, units.get(i).ready);
                }
            }
            launcher.pump();
            for (int pending = launcher.count(); pending > 0; pending--) {
                long left = end - System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
                Integer next = left > 0 ? launcher.done.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    stopReason = "deadline of " + SmokeReport.format(deadline) + " reached";
                    break;
                }
                if (launcher.bug.get() != null) {
                    throw new IllegalStateException("a smoke check driver failed", launcher.bug.get());
                }
                CheckResult result = results.get(next);
                if (failFast && result != null && !result.isPassed()) {
                    stopReason = "failFast: " + result.getName() + " failed";
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopReason = "interrupted";
        } finally {
            stop.set(true); // no new check, no new attempt
            launcher.cancelAll();
            timers.shutdownNow();
            blocking.shutdownNow(); // interrupts abandoned attempts; a command check kills its program then
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

    /** As many as the run has checks to start, at least one and at most {@code SmokeChecksSpec.MAX_PARALLELISM}. */
    static int defaultParallelism(final int units) {
        return Math.max(1, Math.min(units, io.releaseledger.descriptor.SmokeChecksSpec.MAX_PARALLELISM));
    }

    private static ThreadFactory daemons(final String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Starts the units in order, at most {@code parallelism} at a time: a unit that ends frees its slot for the next
     * one, on the thread it ended on. One thread at a time launches (the others leave their freed slot to it), so a
     * unit that ends at once does not nest another launch.
     */
    private final class Launcher {
        final LinkedBlockingQueue<Integer> done = new LinkedBlockingQueue<>();
        final AtomicReference<Throwable> bug = new AtomicReference<>();
        private final List<Attempts> attempts;
        private final AtomicReferenceArray<CheckResult> results;
        private final AtomicBoolean stop;
        private final Semaphore slots;
        private final AtomicInteger work = new AtomicInteger();
        private final List<Integer> order = new ArrayList<>();
        private int next; // guarded by work: only the launching thread moves it

        Launcher(final List<Attempts> attempts, final AtomicReferenceArray<CheckResult> results,
                final AtomicBoolean stop) {
            this.attempts = attempts;
            this.results = results;
            this.stop = stop;
            for (int i = 0; i < attempts.size(); i++) {
                if (attempts.get(i) != null) {
                    order.add(i);
                }
            }
            this.slots = new Semaphore(parallelism > 0 ? parallelism : defaultParallelism(order.size()));
        }

        int count() {
            return order.size();
        }

        void pump() {
            if (work.getAndIncrement() != 0) {
                return; // the thread launching now sees the freed slot
            }
            int missed = 1;
            do {
                while (!stop.get() && next < order.size() && slots.tryAcquire()) {
                    launch(order.get(next++));
                }
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }

        private void launch(final int index) {
            CompletableFuture<CheckResult> outcome;
            try {
                outcome = attempts.get(index).start();
            } catch (RuntimeException e) {
                outcome = CompletableFuture.failedFuture(e);
            }
            outcome.whenComplete((result, failure) -> {
                if (failure != null) {
                    bug.compareAndSet(null, failure);
                } else if (result != null && !stop.get()) {
                    // a unit that ends only after the run stopped (abandoned by it) is "not finished"
                    results.compareAndSet(index, null, result);
                }
                slots.release();
                done.add(index);
                pump();
            });
        }

        void cancelAll() {
            attempts.stream().filter(Objects::nonNull).forEach(Attempts::cancel);
        }
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
