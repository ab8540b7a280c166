package io.jenkins.plugins.releaseledger;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.springframework.security.core.Authentication;

/**
 * The controller's side of a deploy, promotion or rollback: reads and checks the descriptor, checks the permission
 * before anything changes, resolves the credentials, then runs the engine's command against the application's ledger
 * with the agent as executor, and records the outcome on the build. Runs in a pool thread (the deploy may take
 * minutes); it does not resume after a controller restart, which {@link DeployRestartListener} holds back meanwhile.
 */
final class DeploymentExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final transient DeploymentStep step;

    DeploymentExecution(final DeploymentStep step, final StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        Launcher launcher = context.get(Launcher.class);
        EnvVars environment = context.get(EnvVars.class);
        String name = step.functionName();
        PrintStream log = listener.getLogger();

        String path = DeployOptions.descriptorPath(step.getDescriptorFile());
        String text = read(name, workspace, path);
        ReleaseDescriptor descriptor = parse(name, text, path);
        String target = step.targetEnvironment();
        EnvironmentSpec spec = descriptor.getEnvironment(target).orElseThrow(() -> new AbortException(name
                + ": the release descriptor " + path + " has no environment '" + target + "'"));

        DeployAuthorization<Authentication> authorization = DeployIdentity.authorize(name, run, descriptor.getApplication(),
                target, spec.isProtected());
        if (!authorization.isAllowed()) {
            throw new AbortException(authorization.getRefusal());
        }
        if (authorization.isProtected()) {
            log.println(name + ": " + authorization.actor().getId() + " may deploy to the protected environment " + target);
        }
        Map<String, Map<String, String>> credentials;
        try {
            credentials = DeployCredentialVariables.deploy(spec);
        } catch (IllegalArgumentException e) {
            throw new AbortException(name + ": " + e.getMessage());
        }
        Map<String, String> secrets = DeployCredentialsBinding.environment(name, run, step.getRegistryCredentialsId(),
                credentials);
        SecretMask mask = new SecretMask(secrets.values());

        String job = run.getParent().getFullName();
        String application = descriptor.getApplication();
        Origin origin = DeployIdentity.get().origin(run, environment);
        Messages messages = new Messages(message -> print(log, mask, message));
        try (ActiveDeployments.Entry activity = ActiveDeployments.get().open(name + " " + step.label() + " (" + job + " #"
                + run.getNumber() + ")")) {
            AgentDeploymentExecutor executor = new AgentDeploymentExecutor(name, (operation, options) ->
                    AgentLauncher.run(name, new AgentRequest(operation, workspace.getRemote(), options), secrets,
                            workspace, launcher, environment, listener), log, text, path, credentials, activity);
            Ledger ledger = ReleaseLedgers.get().ledger(run.getParent(), application);
            DeploymentContext deployment = new DeploymentContext(descriptor, ledger, executor, authorization.actor(), origin,
                    messages, DeployOptions.duration(step.getLockTimeout()), job + "#" + run.getNumber(),
                    environment.get("GIT_COMMIT"), step.releaseBranch(environment));
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
            log.println(name + ": " + summary);
            return DeployOptions.returnValue(result);
        }
    }

    static String read(final String name, final FilePath workspace, final String path) throws Exception {
        FilePath file = workspace.child(path);
        if (!file.exists()) {
            throw new AbortException(name + ": the release descriptor " + path + " is not in the workspace "
                    + workspace.getRemote() + "; check the repository out first, or set descriptorFile");
        }
        try (InputStream in = file.read()) {
            return descriptorText(name, path, in);
        }
    }

    /** The descriptor a branch wrote, read up to {@link BoundedText#DESCRIPTOR_LIMIT}: the controller parses it. */
    static String descriptorText(final String name, final String path, final InputStream in) throws IOException {
        String text = BoundedText.read(in, BoundedText.DESCRIPTOR_LIMIT);
        if (text == null) {
            throw new AbortException(descriptorTooLarge(name, path));
        }
        return text;
    }

    static String descriptorTooLarge(final String name, final String path) {
        return name + ": the release descriptor " + path + " is larger than "
                + BoundedText.describe(BoundedText.DESCRIPTOR_LIMIT) + ", the most the controller reads; "
                + "keep it below that (it describes environments and checks, not data)";
    }

    static ReleaseDescriptor parse(final String name, final String text, final String path) throws AbortException {
        try {
            return DescriptorLoader.parse(text, path);
        } catch (ReleaseLedgerException e) {
            throw new AbortException(name + ": " + e.getMessage());
        }
    }

    static void print(final PrintStream log, final SecretMask mask, final Message message) {
        String text = mask.mask(message.getText());
        switch (message.getLevel()) {
            case ERROR -> log.println("ERROR: " + text);
            case WARNING -> log.println("WARNING: " + text);
            default -> log.println(text);
        }
    }

    static String rootUrl() {
        try {
            return Jenkins.get().getRootUrl();
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
