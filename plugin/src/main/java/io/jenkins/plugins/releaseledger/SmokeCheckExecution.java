package io.jenkins.plugins.releaseledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.SmokeCheckCommand;
import io.releaseledger.deploy.SmokeCheckResult;
import io.releaseledger.deploy.SmokeOutcome;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.report.Messages;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.springframework.security.core.Authentication;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The controller's side of {@code smokeCheck}: reads the descriptor, checks the permission when a rollback may change
 * a protected environment (before anything runs), resolves the checks' (and the rollback's) credentials, then runs the
 * engine's {@link SmokeCheckCommand} against the application's ledger with the agent running the checks (and, on
 * failure with {@code rollbackOnFailure}, the rollback). Writes the table to the log and the JUnit XML into the
 * workspace, records the run on the build, and fails the step when a check failed.
 */
final class SmokeCheckExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private static final String NAME = SmokeCheckStep.FUNCTION_NAME;

    private final transient SmokeCheckStep step;

    SmokeCheckExecution(final SmokeCheckStep step, final StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        ControllerSetup setup = ControllerSetup.read(NAME, getContext(), step.getDescriptorFile(),
                ControllerSetup.overrides(NAME, step.getOverrides()), step.getEnvironment());
        PrintStream log = setup.log();
        String path = setup.path();
        String target = setup.target();
        EnvironmentSpec spec = setup.spec();
        if (spec.getSmokeChecks().getChecks().isEmpty()) {
            throw new AbortException(NAME + ": the environment '" + target + "' of " + path + " declares no smokeChecks;"
                    + " add smokeChecks.checks to it (see the release descriptor's documentation)");
        }
        boolean rollback = step.isRollbackOnFailure();
        if (!rollback && (step.getRegistryCredentialsId() != null || step.getLockTimeout() != null)) {
            log.println(NAME + ": registryCredentialsId and lockTimeout are used only with rollbackOnFailure: true");
        }

        // A rollback may change the environment: a protected one needs the permission, checked before anything runs.
        DeployAuthorization<Authentication> authorization = setup.authorize(rollback,
                "roll back (if a check fails)");
        Map<String, Map<String, String>> credentials;
        try {
            credentials = DeployCredentialVariables.smokeCheck(spec, rollback);
        } catch (IllegalArgumentException e) {
            throw new AbortException(NAME + ": " + e.getMessage());
        }
        setup.bind(rollback ? step.getRegistryCredentialsId() : null, credentials);
        SecretMask mask = setup.mask();
        Run<?, ?> run = setup.run();
        FilePath workspace = setup.workspace();
        String text = setup.text();
        String application = setup.application();
        Origin origin = setup.origin();
        Messages messages = setup.messages();
        AgentDeploymentExecutor.AgentCall agent = setup.agent();
        // Only a rollback that has planned holds a restart back (ActiveDeployments); the checks themselves do not.
        try (ActiveDeployments.Entry activity = ActiveDeployments.get().open(setup.activity(step.label()))) {
            AgentSmokeCheckExecutor checks = new AgentSmokeCheckExecutor(NAME, agent, log, text, path, credentials);
            AgentDeploymentExecutor deployer = rollback
                    ? new AgentDeploymentExecutor(NAME, agent, log, text, path, credentials, activity)
                            .setReconcileAgent(setup.survivingAgent()) : null;
            Ledger ledger = setup.ledger();
            SmokeCheckCommand command = new SmokeCheckCommand(setup.descriptor(), target, ledger, checks)
                    .setVersion(step.getVersion()).setActor(authorization.actor()).setOrigin(origin)
                    .setMessages(messages).setFailFast(step.getFailFast());
            if (deployer != null) {
                command.setRollbackOnFailure(deployer).setNotifier(new JenkinsFacade().getNotifier(messages, mask));
                Duration lockTimeout = DeployOptions.duration(step.getLockTimeout());
                if (lockTimeout != null) {
                    command.setLockTimeout(lockTimeout);
                }
            }
            SmokeCheckResult result;
            try {
                result = command.call();
            } catch (DeploymentException e) {
                String checked = step.getVersion();
                List<String> failed = List.of();
                SmokeOutcome outcome = checks.getOutcome();
                if (outcome != null) { // the checks ran and were recorded; then the rollback failed or was aborted
                    checked = report(run, workspace, log, mask, application, target, outcome);
                    failed = SmokeCheckOptions.failedChecks(outcome.getReport());
                }
                restoreInterruption(checks, deployer);
                String failure = mask.mask(e.getMessage());
                if (deployer != null && deployer.hasExecuted()) {
                    ReleaseLedgerRunAction.record(run, new RecordedEvent(EventTypes.DEPLOYMENT_FAILED, application,
                            target, null, "the automatic rollback of " + target + " after its smoke checks failed did not complete: "
                                    + failure));
                }
                throw new AbortException(mask.mask(SmokeCheckOptions.failureMessage(NAME, target, checked, failed,
                        null)) + "; the automatic rollback failed too: " + failure);
            } catch (ReleaseLedgerException e) {
                restoreInterruption(checks, deployer);
                throw new AbortException(NAME + ": " + mask.mask(e.getMessage()));
            }
            return finish(run, workspace, log, mask, application, target, result);
        }
    }

    /**
     * Writes the JUnit report into the workspace and records the run on the build (the executor printed the table);
     * returns the version checked.
     */
    private String report(final Run<?, ?> run, final FilePath workspace, final PrintStream log, final SecretMask mask,
            final String application, final String target, final SmokeOutcome outcome)
            throws IOException, InterruptedException {
        String junit = step.junitPath();
        // The agent masked every value before it wrote the XML; masking the document again could break its escapes.
        workspace.child(junit).write(outcome.getJUnitXml(), StandardCharsets.UTF_8.name());
        log.println(NAME + ": JUnit report written to " + junit + " (publish it with: junit '" + junit + "')");
        Map<String, Object> report = outcome.getReport();
        String version = report.get("version") instanceof String checked ? checked : step.getVersion();
        ReleaseLedgerRunAction.record(run, new RecordedEvent(EventTypes.CHECK_RECORDED, application, target, version,
                "smoke checks of " + target + ": " + mask.mask(outcome.getSummary())));
        return version;
    }

    /** Reports the run, records a rollback on the build and fails the step when a check failed. */
    private Map<String, Object> finish(final Run<?, ?> run, final FilePath workspace, final PrintStream log,
            final SecretMask mask, final String application, final String target, final SmokeCheckResult result)
            throws IOException, InterruptedException {
        SmokeOutcome outcome = result.getOutcome();
        String version = report(run, workspace, log, mask, application, target, outcome);
        Map<String, Object> report = outcome.getReport();
        String summary = mask.mask(outcome.getSummary());
        String rolledBackTo = result.getRolledBackTo();
        if (rolledBackTo != null) {
            ReleaseLedgerRunAction.record(run, new RecordedEvent(EventTypes.RELEASE_ROLLED_BACK, application, target,
                    rolledBackTo, "rolled back " + target + " to " + rolledBackTo + " after failed smoke checks"));
        }
        if (!result.isPassed()) {
            List<String> failed = SmokeCheckOptions.failedChecks(report);
            throw new AbortException(mask.mask(SmokeCheckOptions.failureMessage(NAME, target, version, failed,
                    rolledBackTo)));
        }
        log.println(NAME + ": " + summary);
        return SmokeCheckOptions.returnValue(true, target, version, SmokeCheckOptions.failedCount(report), rolledBackTo);
    }

    /** The build was aborted while an agent ran: end the step as interrupted, now that the command has returned. */
    private static void restoreInterruption(final AgentSmokeCheckExecutor checks, final AgentDeploymentExecutor deployer)
            throws InterruptedException {
        InterruptedException interrupted = checks.getInterruption();
        if (interrupted == null && deployer != null) {
            interrupted = deployer.getInterruption();
        }
        if (interrupted != null) {
            Thread.currentThread().interrupt();
            throw interrupted;
        }
    }
}
