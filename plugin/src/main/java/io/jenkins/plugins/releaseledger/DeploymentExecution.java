package io.jenkins.plugins.releaseledger;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.ledger.EventTypes;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
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
 * controller went down all the same, {@link #onResume()} tells the user what happened and what the next deploy does.
 */
final class DeploymentExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final transient DeploymentStep step;
    private final transient StopGrace grace = new StopGrace(StopGrace.BOUND);
    private transient volatile PrintStream log;
    /** What runs, for the log after a restart (this execution is saved with the build). */
    private String description;

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
     * The controller stopped while this deploy ran (a restart that did not wait, or a crash): the deploy's thread is
     * gone, so the step cannot go on. Its lock names the controller process that ended, so the next deploy,
     * promotion or rollback of the environment takes the lock over at once and reconciles the environment from the
     * recorded plan (or an administrator does, with {@code unlock}); the user reads that in the log.
     */
    @Override
    public void onResume() {
        // Not on the thread that resumes the Pipeline: reading the listener may wait for it.
        StopGrace.later(this::reportRestart);
    }

    private void reportRestart() {
        String what = description == null ? "a deploy" : description;
        try {
            TaskListener listener = getContext().get(TaskListener.class);
            listener.getLogger().println("Release Ledger: the controller restarted while " + what + " ran; the step "
                    + "cannot resume. What the deploy's own agent did after that is not in the ledger yet: the next "
                    + "deployStage, promote or rollback of that environment takes its lock over (the lock names the "
                    + "controller process that ended) and reconciles first: every instance back on one recorded "
                    + "release, every server back in the load balancer, the outcome recorded. An administrator can do "
                    + "it now with the CLI's unlock or the Releases page (see docs/deploy.md, \"Aborts and restarts\").");
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the log is gone too: the failure below still ends the step
        }
        getContext().onFailure(new AbortException("Release Ledger: the controller restarted while " + what
                + " ran; the next deploy of that environment reconciles it (see the log)"));
    }

    private Map<String, Object> deploy() throws Exception {
        String name = step.functionName();
        String target = step.targetEnvironment();
        ControllerSetup setup = ControllerSetup.read(name, getContext(), step.getDescriptorFile(), target);
        PrintStream out = setup.log();
        log = out;
        description = name + " " + step.label() + " (" + setup.job() + " #" + setup.run().getNumber() + ")";
        EnvironmentSpec spec = setup.spec();
        DeployAuthorization<Authentication> authorization = setup.authorize(spec.isProtected(), "deploy to");
        Map<String, Map<String, String>> credentials;
        try {
            credentials = DeployCredentialVariables.deploy(spec);
        } catch (IllegalArgumentException e) {
            throw new AbortException(name + ": " + e.getMessage());
        }
        setup.bind(step.getRegistryCredentialsId(), credentials);
        SecretMask mask = setup.mask();
        Run<?, ?> run = setup.run();
        String application = setup.application();
        try (ActiveDeployments.Entry activity = ActiveDeployments.get().open(setup.activity(step.label()))) {
            AgentDeploymentExecutor executor = new AgentDeploymentExecutor(name, setup.agent(), out, setup.text(),
                    setup.path(), credentials, activity).setReconcileAgent(setup.survivingAgent());
            DeploymentContext deployment = new DeploymentContext(setup.descriptor(), setup.ledger(), executor,
                    authorization.actor(), setup.origin(), setup.messages(), DeployOptions.duration(step.getLockTimeout()),
                    setup.job() + "#" + run.getNumber(), setup.environment().get("GIT_COMMIT"),
                    step.releaseBranch(setup.environment()));
            DeploymentResult result;
            try {
                result = step.call(deployment);
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
