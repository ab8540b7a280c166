package io.releaseledger.rollout;

import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.PlannedInstance;
import io.releaseledger.loadbalancer.DrainResult;

/**
 * Structured progress of a {@link Deployer}, beside the lines it writes to its {@code Messages}: a front end may
 * show a progress bar, the plugin may block a restart while servers are out of the load balancer. Every method
 * does nothing by default; they are called on the deploying thread.
 */
public interface DeploymentListener {
    /** Batch {@code number} (from 1) of {@code total} starts. */
    default void batchStarted(DeploymentPlan plan, int number, int total) {
    }

    /** The instance's server was taken out of the load balancer (drained). */
    default void serverOut(PlannedInstance instance) {
    }

    /**
     * The deploy stopped waiting for the server's sessions to end: they did ({@link DrainResult#isDrained()}), or the
     * drain timeout passed and the instance is replaced anyway.
     */
    default void serverDrained(PlannedInstance instance, DrainResult drained) {
    }

    /** The instance's new container (of the release being deployed) was created and started; its gate follows. */
    default void instanceReplaced(PlannedInstance instance, String containerId) {
    }

    /** The load balancer reports the instance's server up (its own health check passes). */
    default void serverServing(PlannedInstance instance) {
    }

    /** The instance's server was set back to ready (it takes traffic once the load balancer's check passes). */
    default void serverIn(PlannedInstance instance) {
    }

    /** The instance runs the new release and passed its health gate. */
    default void instanceDeployed(PlannedInstance instance, String containerId) {
    }

    /** The instance failed; a restore follows. */
    default void instanceFailed(PlannedInstance instance, String cause) {
    }

    /** The instance runs its previous release again (or, after a first deploy, nothing). */
    default void instanceRestored(PlannedInstance instance) {
    }
}
