package io.jenkins.plugins.releaseledger;

import hudson.AbortException;
import hudson.model.Run;
import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.deploy.ApprovalPendingException;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.policy.PolicyException;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.springframework.security.core.Authentication;

/**
 * The controller's side of a deploy, promotion or rollback: sets up the controller ({@link ControllerSetup}: descriptor,
 * permission before anything changes, credentials), then runs the engine's command against the application's ledger
 * with the agent as executor, and records the outcome on the build. Runs in a pool thread (the deploy may take
 * minutes). A stop keeps the step open ({@link StopGrace}) until the environment is put back and the outcome recorded.
 * It does not resume after a controller restart, which {@link DeployRestartListener} holds back meanwhile; when the
 * controller went down all the same, {@link #onResume()} reconciles the environment and tells the user.
 */
final class DeploymentExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    /** How often a waiting step asks the ledger again without a wake-up (approvals from the CLI, another controller). */
    private static final long APPROVAL_RECHECK_MILLIS = ApprovalWaits.RECHECK_MILLIS;

    private final transient DeploymentStep step;
    private final transient StopGrace grace = new StopGrace(StopGrace.BOUND);
    private transient volatile PrintStream log;
    /** What a resume after a controller restart reconciles (this execution is saved with the build). */
    private ResumedDeploy resumed;

    DeploymentExecution(final DeploymentStep step, final StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        Throwable stoppedEarly = grace.enter();
        if (stoppedEarly != null) {
            throw asException(stoppedEarly);
        }
        try {
            Map<String, Object> result = deploy();
            Throwable stopped = grace.finish();
            if (stopped != null) {
                throw asException(stopped);
            }
            return result;
        } catch (Exception | Error e) {
            Throwable stopped = grace.finish();
            if (stopped == null) {
                throw e;
            }
            if (stopped != e) {
                stopped.addSuppressed(e);
            }
            throw asException(stopped);
        }
    }

    /**
     * Interrupts the deploy once and keeps the step open until the thread has put the environment back, recorded what
     * happened and released the lock, at most {@link StopGrace#BOUND}; Pipeline's default would end the step at once.
     */
    @Override
    public void stop(@NonNull final Throwable cause) throws Exception {
        if (grace == null) { // resumed after a restart: nothing of this controller runs the deploy
            getContext().onFailure(cause);
            return;
        }
        String name = step == null ? "deploy" : step.functionName();
        PrintStream out = log;
        boolean open = grace.stop(cause, line -> {
            if (out != null) {
                out.println(name + ": " + line);
            }
        }, () -> {
            if (out != null) {
                out.println(name + ": the environment is still being put back after " + StopGrace.describe(
                        StopGrace.BOUND) + "; the step ends now. The restore goes on in its own agent process (the "
                        + "node block's clean-up does not stop it) and records its outcome and the unlock in the "
                        + "ledger when it ends; check the Releases page. If the environment stays locked, an "
                        + "administrator can reconcile and unlock it (see docs/deploy.md, \"Aborts and restarts\").");
            }
            getContext().onFailure(cause);
        });
        if (!open) {
            getContext().onFailure(cause);
        }
    }

    /**
     * The controller stopped while this deploy ran (a restart that did not wait, or a crash): the deploy's thread and
     * the agent's events are gone, so the step cannot go on. Its lock names the controller process that ended: the
     * step reconciles the environment through a fresh agent, tells the user, and fails. Before the deploy had read its
     * descriptor there is nothing to reconcile.
     */
    @Override
    public void onResume() {
        ResumedDeploy resumed = this.resumed;
        if (resumed == null) {
            getContext().onFailure(new AbortException("Release Ledger: the controller restarted before the deploy "
                    + "started; nothing was changed. Run the build again."));
            return;
        }
        // Not on the thread that resumes the Pipeline: the reconcile waits for the agent and may take minutes.
        StopGrace.later(() -> getContext().onFailure(new AbortException(resumed.reconcile(getContext()))));
    }

    private Map<String, Object> deploy() throws Exception {
        String name = step.functionName();
        String target = step.targetEnvironment();
        ControllerSetup setup = ControllerSetup.read(name, getContext(), step.getDescriptorFile(),
                ControllerSetup.overrides(name, step.getOverrides()), target);
        PrintStream out = setup.log();
        log = out;
        EnvironmentSpec spec = setup.spec();
        DeployAuthorization<Authentication> authorization = setup.authorize(true, "deploy to");
        resumed = new ResumedDeploy(name, step.getDescriptorFile(), setup.overrides(), target, step.getRegistryCredentialsId(),
                authorization.actor(), step.label() + " (" + setup.job() + " #" + setup.run().getNumber() + ")");
        Map<String, Map<String, String>> credentials;
        try {
            credentials = DeployCredentialVariables.deploy(spec);
        } catch (IllegalArgumentException e) {
            throw new AbortException(name + ": " + e.getMessage());
        }
        setup.bind(step.getRegistryCredentialsId(), credentials);
        SecretMask mask = setup.mask();
        EnvironmentPolicy policy = governance(setup, name, target);
        String waitingFor = null;
        while (true) {
            long seen = ApprovalWaits.get().generation(setup.application(), target);
            try {
                return deployOnce(setup, authorization, credentials, mask, policy);
            } catch (ApprovalPendingException pending) {
                if (!pending.getWaitingFor().equals(waitingFor)) {
                    waitingFor = pending.getWaitingFor();
                    out.println(waitingLine(name, setup.application(), target, pending.getVersion(), pending.getDigest(),
                            waitingFor));
                }
                // not under ActiveDeployments: nothing is locked or changed while the step waits
                ApprovalWaits.get().await(setup.application(), target, seen, APPROVAL_RECHECK_MILLIS);
            }
        }
    }

    /**
     * What a deploy or promote that waits inside {@code node} logs: whom it waits for, and how to wait without holding
     * the node's executor (the approval step before the {@code node} block).
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static String waitingLine(final String name, final String application, final String environment,
            final String version, final String digest, final String waitingFor) {
        return name + ": waiting for approval of " + version + " (" + digest + ") for " + environment + ": "
                + waitingFor + ". Approve or reject it on the job's Releases page; an abort or timeout stops the wait. "
                + "This step holds the node's executor while it waits: to wait without one, put " + ApprovalLook.NAME
                + " application: '" + application + "', environment: '" + environment + "', version: '" + version
                + "' before the node block (see docs/governance.md).";
    }

    /**
     * The controller's approvals and freeze windows of the target, and the step's override of a freeze window once the
     * build's user may override.
     */
    private EnvironmentPolicy governance(final ControllerSetup setup, final String name, final String target)
            throws AbortException {
        if (step.freezeOverride() != null) {
            String refusal = DeployIdentity.get().freezeOverrideRefusal(name, setup.run());
            if (refusal != null) {
                throw new AbortException(refusal);
            }
        }
        try {
            return GovernanceSettings.policy(new JenkinsFacade().getApplicationPolicy(setup.application()), target);
        } catch (PolicyException e) {
            throw new AbortException(name + ": " + e.getMessage());
        }
    }

    private Map<String, Object> deployOnce(final ControllerSetup setup,
            final DeployAuthorization<Authentication> authorization, final Map<String, Map<String, String>> credentials,
            final SecretMask mask, final EnvironmentPolicy policy) throws Exception {
        String name = step.functionName();
        String target = step.targetEnvironment();
        PrintStream out = setup.log();
        Run<?, ?> run = setup.run();
        String application = setup.application();
        try (ActiveDeployments.Entry activity = ActiveDeployments.get().open(setup.activity(step.label()))) {
            AgentDeploymentExecutor executor = new AgentDeploymentExecutor(name, setup.agent(), out, setup.text(),
                    setup.path(), credentials, activity).setReconcileAgent(setup.survivingAgent());
            DeploymentContext deployment = new DeploymentContext(setup.descriptor(), setup.ledger(), executor,
                    authorization.actor(), setup.origin(), setup.messages(), DeployOptions.duration(step.getLockTimeout()),
                    setup.job() + "#" + run.getNumber(), setup.environment().get("GIT_COMMIT"),
                    step.releaseBranch(setup.environment())).setPolicy(policy)
                    .setFreezeOverride(step.freezeOverride())
                    .setNotifier(new JenkinsFacade().getNotifier(setup.messages(), mask));
            DeploymentResult result;
            try {
                result = step.call(deployment);
            } catch (ApprovalPendingException e) {
                throw e; // the caller waits: nothing was locked or changed
            } catch (DeploymentException e) {
                InterruptedException interrupted = executor.getInterruption();
                if (interrupted != null) {
                    Thread.currentThread().interrupt(); // the command has released the lock by now
                    throw interrupted;
                }
                String failure = mask.mask(e.getMessage());
                if (executor.hasExecuted()) {
                    ReleaseLedgerRunAction.record(run, new RecordedEvent(EventTypes.DEPLOYMENT_FAILED,
                            application, target, null, step.label() + " failed: " + failure));
                }
                throw new AbortException(name + ": " + failure);
            } catch (ReleaseLedgerException e) {
                throw new AbortException(name + ": " + mask.mask(e.getMessage()));
            }
            String summary = DeployOptions.summary(step.verb(), result);
            if (!result.isDryRun()) {
                ReleaseLedgerRunAction.record(run, new RecordedEvent(step.eventType(), application, target,
                        result.getPlan().getVersion(), summary));
            }
            out.println(name + ": " + summary);
            return DeployOptions.returnValue(result);
        }
    }

    /** The stop cause as what {@link #run()} may throw (Pipeline's causes are exceptions). */
    private static Exception asException(final Throwable cause) {
        if (cause instanceof Exception exception) {
            return exception;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new AbortException(String.valueOf(cause));
    }
}
