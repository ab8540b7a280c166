package io.releaseledger.descriptor;

import java.time.Duration;

/**
 * The container itself: running the expected image digest, not restarting for {@link #getStableFor()}, and healthy
 * when its image defines a Docker {@code HEALTHCHECK} (unless {@link #isHealthy()} is off).
 */
public final class ContainerCheckSpec implements HealthCheckSpec {
    private final boolean healthy;
    private final Duration stableFor;

    ContainerCheckSpec(final boolean healthy, final Duration stableFor) {
        this.healthy = healthy;
        this.stableFor = stableFor;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** Wait for Docker's health status {@code healthy} when the image has a health check. */
    public boolean isHealthy() {
        return healthy;
    }

    /** How long the container must run without a restart. */
    public Duration getStableFor() {
        return stableFor;
    }
}
