package io.releaseledger.deploy;

import java.time.Duration;

/** A deploy that succeeded: its plan and how long it took. */
public final class DeploymentResult {
    private final DeploymentPlan plan;
    private final Duration duration;
    private final boolean dryRun;

    public DeploymentResult(final DeploymentPlan plan, final Duration duration) {
        this(plan, duration, false);
    }

    DeploymentResult(final DeploymentPlan plan, final Duration duration, final boolean dryRun) {
        this.plan = plan;
        this.duration = duration;
        this.dryRun = dryRun;
    }

    /** Only planned: nothing was changed or recorded. */
    public boolean isDryRun() {
        return dryRun;
    }

    public DeploymentPlan getPlan() {
        return plan;
    }

    public Duration getDuration() {
        return duration;
    }

    @Override
    public String toString() {
        return plan.getApplication() + " " + plan.getVersion() + " on " + plan.getEnvironment() + " in "
                + duration.toMillis() + " ms";
    }
}
