package io.releaseledger.smoke;

import io.releaseledger.health.CheckResult;
import io.releaseledger.health.HealthCheck;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The attempts of one check against one target: each on its own thread so that a check that hangs is abandoned at
 * its timeout (or the deadline), then retried after the backoff while retries are left and it may pass.
 */
final class Attempts {
    private final SmokeCheckRun.Unit unit;
    private final ExecutorService pool;
    private final long end;
    private final AtomicBoolean stop;

    Attempts(final SmokeCheckRun.Unit unit, final ExecutorService pool, final long end, final AtomicBoolean stop) {
        this.unit = unit;
        this.pool = pool;
        this.end = end;
        this.stop = stop;
    }

    CheckResult run() throws InterruptedException {
        SmokeCheck check = unit.check;
        int last = check.getRetries() + 1;
        CheckResult result = null;
        for (int attempt = 1; attempt <= last && !stop.get(); attempt++) {
            result = once(attempt);
            if (result.isPassed() || result.isFatal() || attempt == last) {
                return result;
            }
            long pause = check.pauseBefore(attempt + 1).toNanos();
            if (System.nanoTime() + pause >= end) {
                return result; // the deadline comes first: keep this failure rather than an abandoned retry
            }
            TimeUnit.NANOSECONDS.sleep(pause);
        }
        return result;
    }

    private CheckResult once(final int attempt) throws InterruptedException {
        HealthCheck check = unit.check.getCheck();
        Duration timeout = unit.check.getTimeout();
        long start = System.nanoTime();
        long left = end - start;
        boolean deadlineFirst = left < timeout.toNanos();
        Future<CheckResult> future = pool.submit(() -> check.run(unit.target));
        CheckResult result;
        try {
            result = future.get(Math.max(1, Math.min(left, timeout.toNanos())), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String why = deadlineFirst ? "the run's deadline came first" : "no result within the timeout of "
                    + SmokeReport.format(timeout);
            result = CheckResult.failed(check.getName(), check.getKind(), why + "; abandoned after " + millis
                    + " ms", millis).withExpected("a result within " + SmokeReport.format(timeout))
                    .withActual("no result after " + millis + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            result = CheckResult.failed(check.getName(), check.getKind(), "the check broke: " + e.getCause(),
                    millis);
        }
        result = result.withAttempt(attempt);
        return unit.targetName == null ? result : result.withTarget(unit.targetName);
    }
}
