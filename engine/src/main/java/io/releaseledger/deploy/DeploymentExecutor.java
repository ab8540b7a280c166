package io.releaseledger.deploy;

import io.releaseledger.rollout.LocalDeploymentExecutor;

import java.util.List;

/**
 * Where a deploy's I/O runs: the registry, the Docker hosts and the load balancer. The commands ({@link DeployCommand},
 * {@link PromoteCommand}, {@link RollbackCommand}) keep the ledger work (lock, promotion rules, rollback target,
 * {@code deployment.started} with the plan) wherever the ledger is, and hand everything else to an executor: the
 * CLI runs it in its own process ({@link LocalDeploymentExecutor}); the Jenkins plugin runs it on the build's agent
 * through the agent protocol, so the controller never reaches a host.
 *
 * <p>Every method throws {@link DeploymentException} with a user-facing message when it fails.
 */
public interface DeploymentExecutor {
    /**
     * Resolves the image (a missing image fails here), reads what runs on every host and cuts the batches; changes
     * nothing.
     */
    DeploymentPlan plan(PlanRequest request);

    /**
     * Executes the plan, whose {@code deployment.started} the caller has recorded already: records
     * {@code check.recorded}, then {@code deployment.succeeded}, or {@code deployment.failed} and the automatic
     * {@code release.rolledback} after restoring every changed instance.
     *
     * @throws DeploymentException after the restore, naming the instance and the cause
     */
    DeploymentResult execute(DeploymentPlan plan, String lockId, DeploymentRecorder recorder);

    /**
     * Finishes or undoes the plan of a deploy whose process died (found in the {@code deployment.started} under the
     * lock taken over) and puts every server of the plan back in the load balancer.
     */
    void reconcile(DeploymentPlan plan, DeploymentRecorder recorder);

    /**
     * Points registry tags (an environment's name, {@code latest}) at the plan's digest after a success.
     *
     * @return a warning per tag that could not be set; the deploy stays a success
     */
    List<String> tagImage(DeploymentPlan plan, List<String> tags);
}
