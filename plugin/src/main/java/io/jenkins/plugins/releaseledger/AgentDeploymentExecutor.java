package io.jenkins.plugins.releaseledger;

import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentExecutor;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.DeploymentRecorder;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.deploy.PlanRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a deploy's I/O on the build's agent: each method is one agent request ({@link DeployProtocol}), whose events
 * are replayed into the controller's recorder (the ledger) and whose failure becomes a {@link DeploymentException}
 * with the agent's (masked) message. The engine's commands hold the lock and the promotion rules on the controller.
 */
final class AgentDeploymentExecutor implements DeploymentExecutor {
    /** Runs one agent request where the workspace is; the seam the unit tests replace. */
    @FunctionalInterface
    interface AgentCall {
        AgentOutcome run(String operation, Map<String, Object> options) throws IOException, InterruptedException;
    }

    private final String stepName;
    private final AgentCall agent;
    private final PrintStream log;
    private final String descriptorText;
    private final String descriptorSource;
    private final Map<String, Map<String, String>> credentials;
    private final ActiveDeployments.Entry activity;
    private AgentCall reconcileAgent;
    private volatile boolean executed;
    private volatile InterruptedException interruption;

    /**
     * @param credentials id → {@code {kind, variable}} ({@link DeployCredentialVariables#of}); the values are in the agent's
     *                    environment, never in a request
     * @param activity    marked planned once a plan exists, so a restart waits
     */
    AgentDeploymentExecutor(final String stepName, final AgentCall agent, final PrintStream log,
            final String descriptorText, final String descriptorSource, final Map<String, Map<String, String>> credentials,
            final ActiveDeployments.Entry activity) {
        this.stepName = stepName;
        this.agent = agent;
        this.log = log;
        this.descriptorText = descriptorText;
        this.descriptorSource = descriptorSource;
        this.credentials = credentials;
        this.activity = activity;
        this.reconcileAgent = agent;
    }

    /**
     * The agent call for the restore after an interruption: one the node block's process clean-up does not kill, since
     * the block may end while it runs. Default: the agent call of every request.
     */
    AgentDeploymentExecutor setReconcileAgent(final AgentCall reconcileAgent) {
        this.reconcileAgent = reconcileAgent;
        return this;
    }

    @Override
    public DeploymentPlan plan(final PlanRequest request) {
        AgentOutcome outcome = call(DeployProtocol.PLAN, DeployProtocol.planOptions(descriptorText, descriptorSource,
                request.getEnvironment(), credentials, request));
        DeploymentPlan plan = DeployProtocol.readPlan(outcome.getResult());
        activity.planned();
        return plan;
    }

    @Override
    public DeploymentResult execute(final DeploymentPlan plan, final String lockId, final DeploymentRecorder recorder) {
        executed = true;
        AgentOutcome outcome;
        try {
            outcome = call(DeployProtocol.EXECUTE, DeployProtocol.executeOptions(descriptorText, descriptorSource,
                    plan.getEnvironment(), credentials, plan, lockId));
        } catch (DeploymentException e) {
            if (interruption != null) {
                reconcileAfterInterruption(plan, recorder);
            }
            throw e;
        }
        DeployProtocol.ExecuteOutcome execution = DeployProtocol.readExecute(outcome.getResult());
        replay(execution.getEvents(), recorder);
        if (!execution.isSucceeded()) {
            throw new DeploymentException(outcome.mask(execution.getMessage()));
        }
        return new DeploymentResult(plan, Duration.ofMillis(execution.getDurationMillis()));
    }

    @Override
    public void reconcile(final DeploymentPlan plan, final DeploymentRecorder recorder) {
        activity.planned(); // servers of the interrupted deploy may be out of the load balancer
        AgentOutcome outcome = call(DeployProtocol.RECONCILE, DeployProtocol.reconcileOptions(descriptorText,
                descriptorSource, plan.getEnvironment(), credentials, plan));
        replay(DeployProtocol.readEvents(outcome.getResult()), recorder);
        String failure = DeployProtocol.readMessage(outcome.getResult());
        if (failure != null) {
            throw new DeploymentException(outcome.mask(failure));
        }
    }

    @Override
    public List<String> tagImage(final DeploymentPlan plan, final List<String> tags) {
        AgentOutcome outcome = call(DeployProtocol.TAG, DeployProtocol.tagOptions(descriptorText, descriptorSource,
                plan.getEnvironment(), credentials, plan, tags));
        return DeployProtocol.readWarnings(outcome.getResult());
    }

    /**
     * The build was aborted while the agent cycled the servers (stopping the agent process): before the command
     * releases the lock, one more agent finishes or undoes the half-done cycle and puts every server back, as the
     * next deploy would after a takeover. Its failure is logged; the abort goes on.
     */
    private void reconcileAfterInterruption(final DeploymentPlan plan, final DeploymentRecorder recorder) {
        log.println(stepName + ": interrupted while deploying " + plan.getVersion() + " to " + plan.getEnvironment()
                + "; putting every server back before stopping");
        Thread.interrupted(); // the interruption is kept in getInterruption(); the restore must be able to start
        try {
            AgentOutcome outcome = reconcileAgent.run(DeployProtocol.RECONCILE, DeployProtocol.reconcileOptions(descriptorText,
                    descriptorSource, plan.getEnvironment(), credentials, plan));
            outcome.report(log);
            if (outcome.isOk()) {
                replay(DeployProtocol.readEvents(outcome.getResult()), recorder);
                String failure = DeployProtocol.readMessage(outcome.getResult());
                log.println(stepName + ": " + (failure == null ? "reconciled " + plan.getEnvironment()
                        : "reconciling " + plan.getEnvironment() + " failed: " + outcome.mask(failure)));
            } else {
                log.println(stepName + ": reconciling " + plan.getEnvironment() + " failed: " + outcome.getError());
            }
        } catch (InterruptedException e) {
            log.println(stepName + ": interrupted again; " + plan.getEnvironment() + " may have servers out of the "
                    + "load balancer until the next deploy reconciles it");
        } catch (IOException | RuntimeException e) {
            log.println(stepName + ": reconciling " + plan.getEnvironment() + " failed: " + e.getMessage());
        }
    }

    /** Whether {@link #execute} was called: the ledger then holds what the deploy did, a failure included. */
    boolean hasExecuted() {
        return executed;
    }

    /** The interruption that ended a request, for the caller to restore once the command has released its lock. */
    InterruptedException getInterruption() {
        return interruption;
    }

    private void refuseAfterInterruption() {
        if (interruption != null) {
            throw new DeploymentException(stepName + " was interrupted", interruption);
        }
    }

    /** Runs the request, prints the agent's messages and turns a failure into a {@link DeploymentException}. */
    private AgentOutcome call(final String operation, final Map<String, Object> options) {
        refuseAfterInterruption();
        AgentOutcome outcome;
        try {
            outcome = agent.run(operation, options);
        } catch (InterruptedException e) {
            // Not Thread.interrupt() yet: the restore below starts one more agent (a launch on an interrupted thread
            // fails at once), and the command still records and unlocks. The execution restores the interrupt once
            // the command has returned (getInterruption).
            interruption = e;
            throw new DeploymentException(stepName + " was interrupted during " + operation, e);
        } catch (IOException e) {
            throw new DeploymentException("the Release Ledger agent could not be run for " + operation + ": "
                    + e.getMessage(), e);
        }
        outcome.report(log);
        if (!outcome.isOk()) {
            throw new DeploymentException(outcome.getError());
        }
        return outcome;
    }

    /** Appends what the agent recorded, in its order, to the controller's recorder. */
    @SuppressWarnings("unchecked")
    private static void replay(final List<Map<String, Object>> events, final DeploymentRecorder recorder) {
        for (Map<String, Object> event : events) {
            Object data = event.get("data");
            recorder.record((String) event.get("type"), (String) event.get("environment"),
                    data instanceof Map ? (Map<String, Object>) data : Map.of());
        }
    }
}
