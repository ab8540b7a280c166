package io.releaseledger.smoke;

import io.releaseledger.health.HealthCheck;

import java.time.Duration;
import java.util.Objects;

/** One check of a smoke run with how long an attempt may take and how often it is tried again. */
public final class SmokeCheck {
    private final HealthCheck check;
    private final Duration timeout;
    private int retries;
    private Duration backoff = Duration.ofSeconds(1);

    /** @param timeout how long one attempt may take; a check still running then is abandoned */
    public SmokeCheck(final HealthCheck check, final Duration timeout) {
        this.check = Objects.requireNonNull(check, "check");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }

    /** How many times a failed attempt is repeated (default 0); a fatal failure is not. */
    public SmokeCheck setRetries(final int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, not " + retries);
        }
        this.retries = retries;
        return this;
    }

    /** The pause before the first retry (default 1 s); it doubles before each next one. */
    public SmokeCheck setBackoff(final Duration backoff) {
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative, not " + backoff);
        }
        this.backoff = backoff;
        return this;
    }

    public HealthCheck getCheck() {
        return check;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public int getRetries() {
        return retries;
    }

    public Duration getBackoff() {
        return backoff;
    }

    /** The pause before attempt {@code next} (from 2): backoff, then twice that, and so on. */
    Duration pauseBefore(final int next) {
        int doublings = Math.min(next - 2, 30);
        return backoff.multipliedBy(1L << Math.max(0, doublings));
    }

    @Override
    public String toString() {
        return check.getName();
    }
}
