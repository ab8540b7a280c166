package io.releaseledger.descriptor;

import java.time.Duration;

/**
 * The container itself: running the expected image digest, not restarting for {@link #getStableFor()}, and healthy
 * when its image defines a Docker {@code HEALTHCHECK} (unless {@link #isHealthy()} is off). In {@code smokeChecks}
 * it looks at the environment's containers on every host.
 */
public final class ContainerCheckSpec implements HealthCheckSpec {
    private final boolean healthy;
    private final Duration stableFor;
    private final CheckOptions options;

    ContainerCheckSpec(final boolean healthy, final Duration stableFor, final CheckOptions options) {
        this.healthy = healthy;
        this.stableFor = stableFor;
        this.options = options;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public CheckOptions getOptions() {
        return options;
    }

    /** Wait for Docker's health status {@code healthy} when the image has a health check. */
    public boolean isHealthy() {
        return healthy;
    }

    /** How long the container must run without a restart (health gate only). */
    public Duration getStableFor() {
        return stableFor;
    }
}
