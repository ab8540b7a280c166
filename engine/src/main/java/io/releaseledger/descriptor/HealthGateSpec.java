package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.List;

/** What a new instance must pass, on its own address, before it takes traffic. */
public final class HealthGateSpec {
    private final Duration timeout;
    private final Duration interval;
    private final List<HealthCheckSpec> checks;
    private final boolean smokeChecks;

    HealthGateSpec(final Duration timeout, final Duration interval, final List<HealthCheckSpec> checks,
            final boolean smokeChecks) {
        this.timeout = timeout;
        this.interval = interval;
        this.checks = List.copyOf(checks);
        this.smokeChecks = smokeChecks;
    }

    /** How long an instance has to pass every check. */
    public Duration getTimeout() {
        return timeout;
    }

    /** The pause between two attempts. */
    public Duration getInterval() {
        return interval;
    }

    /** The checks, all of which must pass. */
    public List<HealthCheckSpec> getChecks() {
        return checks;
    }

    /**
     * Whether the environment's {@code smokeChecks} (those aimed at {@code {address}}/{@code {port}}) also run
     * against each server after its gate passed, before it goes back into the load balancer (default {@code true};
     * nothing runs when the environment declares no smoke checks).
     */
    public boolean isSmokeChecks() {
        return smokeChecks;
    }
}
