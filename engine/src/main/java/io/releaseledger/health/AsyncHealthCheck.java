package io.releaseledger.health;

import java.util.concurrent.CompletableFuture;

/**
 * A check whose attempt needs no thread of its own while it waits (an HTTP exchange on the client's selector): a
 * smoke run starts it and is told when it ends, instead of parking a thread on it. The future completes with the
 * result, failures included, within the check's own timeout; it completes exceptionally only for a bug. Cancelling
 * it abandons the attempt.
 */
public interface AsyncHealthCheck extends HealthCheck {
    /** Starts one attempt against the target. */
    CompletableFuture<CheckResult> runAsync(CheckTarget target);
}
