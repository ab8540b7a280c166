package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.Objects;

/** What every check has besides its kind's fields: a name, a timeout, and how often to retry it. */
public final class CheckOptions {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    private final String name;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;

    CheckOptions(final String name, final Duration timeout, final int retries, final Duration backoff) {
        this.name = name;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.retries = retries;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    static CheckOptions defaults(final Duration timeout) {
        return new CheckOptions(null, timeout, 0, DEFAULT_BACKOFF);
    }

    /** The name given in the descriptor, or {@code null} for the kind and its target. */
    public String getName() {
        return name;
    }

    /** How long one attempt may take; after it the attempt is abandoned. */
    public Duration getTimeout() {
        return timeout;
    }

    /** How many times a failed check is tried again (0: once only). */
    public int getRetries() {
        return retries;
    }

    /** The pause before the first retry; it doubles before each further one. */
    public Duration getBackoff() {
        return backoff;
    }
}
