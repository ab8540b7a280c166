package io.releaseledger.smoke;

import io.releaseledger.health.AsyncHealthCheck;
import io.releaseledger.health.CheckResult;
import io.releaseledger.health.HealthCheck;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The attempts of one check against one target, without a thread waiting on them: each attempt is abandoned at its
 * timeout (or the deadline) by a timer, then retried after the backoff (another timer) while retries are left and it
 * may pass. An {@link AsyncHealthCheck} (http) runs on its client's selector, with no thread of its own; any other
 * check (command, tcp, browser, …) blocks, so it runs on a thread of {@code blocking}, interrupted when abandoned (a
 * command check kills its program then).
 */
final class Attempts {
    private final SmokeCheckRun.Unit unit;
    private final ExecutorService blocking;
    private final ScheduledExecutorService timers;
    private final long end;
    private final AtomicBoolean stop;
    private final CompletableFuture<CheckResult> outcome = new CompletableFuture<>();
    private volatile Runnable abandon = () -> { };
    private volatile Future<?> backoff;

    Attempts(final SmokeCheckRun.Unit unit, final ExecutorService blocking, final ScheduledExecutorService timers,
            final long end, final AtomicBoolean stop) {
        this.unit = unit;
        this.blocking = blocking;
        this.timers = timers;
        this.end = end;
        this.stop = stop;
    }

    /**
     * Starts the first attempt; the future completes with the last attempt's result, or with {@code null} when the
     * run stopped before the first attempt.
     */
    CompletableFuture<CheckResult> start() {
        attempt(1, null);
        return outcome;
    }

    /** Abandons the attempt under way and the retries to come (the run stopped). */
    void cancel() {
        Future<?> pause = backoff;
        if (pause != null) {
            pause.cancel(false);
        }
        abandon.run();
    }

    private void attempt(final int attempt, final CheckResult previous) {
        if (stop.get()) {
            outcome.complete(previous);
            return;
        }
        HealthCheck check = unit.check.getCheck();
        Duration timeout = unit.check.getTimeout();
        long start = System.nanoTime();
        long left = end - start;
        boolean deadlineFirst = left < timeout.toNanos();
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Runnable stopWork;
        try {
            if (check instanceof AsyncHealthCheck) {
                CompletableFuture<CheckResult> async;
                try {
                    async = ((AsyncHealthCheck) check).runAsync(unit.target);
                } catch (RuntimeException e) {
                    async = CompletableFuture.failedFuture(e);
                }
                CompletableFuture<CheckResult> work = async;
                stopWork = () -> work.cancel(true);
                work.whenComplete((done, failure) -> result.complete(failure == null ? done
                        : broke(check, start, failure)));
            } else {
                Future<?> work = blocking.submit(() -> {
                    try {
                        result.complete(check.run(unit.target));
                    } catch (Throwable failure) { // NOPMD: any failure of a check is its result, as before
                        result.complete(broke(check, start, failure));
                    }
                });
                stopWork = () -> work.cancel(true);
            }
            abandon = stopWork;
            ScheduledFuture<?> timer = timers.schedule(() -> {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                String why = deadlineFirst ? "the run's deadline came first" : "no result within the timeout of "
                        + SmokeReport.format(timeout);
                if (result.complete(CheckResult.failed(check.getName(), check.getKind(), why + "; abandoned after "
                        + millis + " ms", millis).withExpected("a result within " + SmokeReport.format(timeout))
                        .withActual("no result after " + millis + " ms"))) {
                    stopWork.run();
                }
            }, Math.max(1, Math.min(left, timeout.toNanos()) - (System.nanoTime() - start)), // from the start:
                    TimeUnit.NANOSECONDS); // a slow first runAsync (class loading, a client built) must not delay it
            result.whenComplete((done, failure) -> {
                timer.cancel(false);
                finish(attempt, done);
            });
        } catch (RejectedExecutionException e) {
            outcome.complete(previous); // the run has ended: its pools are shut down
        }
    }

    private void finish(final int attempt, final CheckResult done) {
        CheckResult result = done.withAttempt(attempt);
        if (unit.targetName != null) {
            result = result.withTarget(unit.targetName);
        }
        if (result.isPassed() || result.isFatal() || attempt == unit.check.getRetries() + 1 || stop.get()) {
            outcome.complete(result);
            return;
        }
        long pause = unit.check.pauseBefore(attempt + 1).toNanos();
        if (System.nanoTime() + pause >= end) {
            outcome.complete(result); // the deadline comes first: keep this failure rather than an abandoned retry
            return;
        }
        CheckResult last = result;
        try {
            backoff = timers.schedule(() -> attempt(attempt + 1, last), pause, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            outcome.complete(last);
        }
    }

    private static CheckResult broke(final HealthCheck check, final long start, final Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return CheckResult.failed(check.getName(), check.getKind(), cause instanceof CancellationException
                ? "abandoned after " + millis + " ms" : "the check broke: " + cause, millis);
    }
}
