package io.jenkins.plugins.releaseledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.deploy.DriftCommand;
import io.releaseledger.deploy.DriftReport;
import io.releaseledger.ledger.EventTypes;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.springframework.security.core.Authentication;

import java.io.PrintStream;
import java.util.Map;

/**
 * The controller's side of {@code driftCheck}, on the path of {@code smokeCheck}: reads the descriptor, checks that
 * the build owns the application, binds the hosts' TLS and the registry credentials for the agent, then runs the
 * engine's {@link DriftCommand} against the application's ledger with the agent observing ({@link AgentDriftExecutor}).
 * Writes the table to the log, records the verdict on the build and acts on it as {@code onDrift} says.
 */
final class DriftCheckExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private static final String NAME = DriftCheckStep.FUNCTION_NAME;

    private final transient DriftCheckStep step;

    DriftCheckExecution(final DriftCheckStep step, final StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        ControllerSetup setup = ControllerSetup.read(NAME, getContext(), step.getDescriptorFile(),
                ControllerSetup.overrides(NAME, step.getOverrides()), step.getEnvironment());
        PrintStream log = setup.log();
        String target = setup.target();
        // Reads only: the environment's protection does not apply, the application's ownership does (it records).
        DeployAuthorization<Authentication> authorization = setup.authorize(false, "check the drift of");
        Map<String, Map<String, String>> credentials;
        try {
            credentials = DriftCheckOptions.hostCredentials(setup.spec());
        } catch (IllegalArgumentException e) {
            throw new AbortException(NAME + ": " + e.getMessage());
        }
        setup.bind(step.getRegistryCredentialsId(), credentials);
        SecretMask mask = setup.mask();
        AgentDriftExecutor observer = new AgentDriftExecutor(NAME, setup.agent(), log, setup.text(), setup.path(),
                credentials);
        DriftReport report;
        try {
            report = new DriftCommand(setup.descriptor(), target, setup.ledger(), observer)
                    .setActor(authorization.actor()).setOrigin(setup.origin()).setMessages(setup.messages()).call();
        } catch (ReleaseLedgerException e) {
            InterruptedException interrupted = observer.getInterruption();
            if (interrupted != null) {
                Thread.currentThread().interrupt();
                throw interrupted;
            }
            throw new AbortException(NAME + ": " + mask.mask(e.getMessage()));
        }
        log.print(mask.mask(report.toTable()));
        Run<?, ?> run = setup.run();
        if (report.isDrifted() || report.isComplete()) {
            ReleaseLedgerRunAction.record(run, new RecordedEvent(report.isDrifted() ? EventTypes.DRIFT_DETECTED
                    : EventTypes.DRIFT_CHECKED, setup.application(), target, report.getVersion(),
                    mask.mask(report.summary())));
        }
        String action = DriftCheckOptions.action(report, step.getOnDrift());
        String attention = mask.mask(DriftCheckOptions.attention(NAME, report));
        if (DriftCheckOptions.FAIL.equals(action)) {
            throw new AbortException(attention);
        }
        if (DriftCheckOptions.UNSTABLE.equals(action)) {
            log.println("WARNING: " + attention + "; the build is marked unstable (onDrift: 'unstable')");
            StageWarning.unstable(getContext().get(FlowNode.class), attention);
            run.setResult(Result.UNSTABLE);
        }
        return DriftCheckOptions.returnValue(report, mask);
    }
}
