package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.List;

/** What a new instance must pass, on its own address, before it takes traffic. */
public final class HealthGateSpec {
    private final Duration timeout;
    private final Duration interval;
    private final List<HealthCheckSpec> checks;

    HealthGateSpec(final Duration timeout, final Duration interval, final List<HealthCheckSpec> checks) {
        this.timeout = timeout;
        this.interval = interval;
        this.checks = List.copyOf(checks);
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
}
