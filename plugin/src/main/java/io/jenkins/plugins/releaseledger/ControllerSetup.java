package io.jenkins.plugins.releaseledger;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * What every step that changes or checks an environment sets up on the controller before the engine runs: the
 * build's context, the release descriptor read from the workspace and its environment, the permission (checked
 * before anything changes), the credentials bound for the agent and masked in the log, the build's origin, the
 * messages printer, the agent calls and the application's ledger. One owner for {@code deployStage}, {@code promote},
 * {@code rollback} and {@code smokeCheck}.
 */
final class ControllerSetup {
    /**
     * The variable the node block's process clean-up matches ({@code ExecutorStepExecution} kills every process of the
     * node whose environment holds the block's cookie); a process launched with another value outlives the block.
     */
    static final String NODE_COOKIE = "JENKINS_NODE_COOKIE";
    static final String SURVIVING_COOKIE = "dontKillMe";

    private final String name;
    private final Run<?, ?> run;
    private final TaskListener listener;
    private final FilePath workspace;
    private final Launcher launcher;
    private final EnvVars environment;
    private final String path;
    private final String text;
    private final Map<String, String> overrides;
    private final ReleaseDescriptor descriptor;
    private final String target;
    private final EnvironmentSpec spec;
    private Map<String, String> secrets = Map.of();
    private SecretMask mask = new SecretMask(List.of());

    private ControllerSetup(final String name, final StepContext context, final String descriptorFile,
            final Map<String, String> overrides, final String target) throws Exception {
        this.name = name;
        this.run = context.get(Run.class);
        this.listener = context.get(TaskListener.class);
        this.workspace = context.get(FilePath.class);
        this.launcher = context.get(Launcher.class);
        this.environment = context.get(EnvVars.class);
        this.path = DeployOptions.descriptorPath(descriptorFile);
        this.text = read(name, workspace, path);
        this.overrides = Map.copyOf(overrides);
        this.descriptor = parse(name, text, path, overrides);
        this.target = target;
        this.spec = descriptor.getEnvironment(target).orElseThrow(() -> new AbortException(name
                + ": the release descriptor " + path + " has no environment '" + target + "'"));
    }

    /**
     * Reads the build's context and the release descriptor with the step's overrides, and finds the environment
     * {@code target} in it.
     *
     * @throws AbortException naming the step when the descriptor is missing or bad, or lacks the environment
     */
    static ControllerSetup read(final String name, final StepContext context, final String descriptorFile,
            final Map<String, String> overrides, final String target) throws Exception {
        return new ControllerSetup(name, context, descriptorFile, overrides, target);
    }

    /**
     * Checks that the build owns the application and may change the environment ({@code changes}: the step will or may
     * change it; protected by the controller's policy or by the descriptor), and says so in the log for a protected one.
     *
     * @param doing what the log line says the user may do, e.g. "deploy to"
     * @throws AbortException with the refusal, before anything changed
     */
    DeployAuthorization<Authentication> authorize(final boolean changes, final String doing) throws AbortException {
        DeployAuthorization<Authentication> authorization = DeployIdentity.authorize(name, run,
                descriptor.getApplication(), target, spec.isProtected(), changes);
        if (!authorization.isAllowed()) {
            throw new AbortException(authorization.getRefusal());
        }
        if (changes && authorization.isProtected()) {
            log().println(name + ": " + authorization.actor().getId() + " may " + doing + " the protected environment "
                    + target);
        }
        return authorization;
    }

    /** Resolves the credentials for the agent's environment; every value is masked in the log from now on. */
    void bind(final String registryCredentialsId, final Map<String, Map<String, String>> credentials)
            throws Exception {
        secrets = DeployCredentialsBinding.environment(name, run, registryCredentialsId, credentials);
        mask = new SecretMask(secrets.values());
    }

    /** Runs one agent request where the workspace is. */
    AgentDeploymentExecutor.AgentCall agent() {
        return agent(environment);
    }

    /**
     * Runs one agent request that the node block's process clean-up does not kill (for the restore after a stop: the
     * block may end while it runs).
     */
    AgentDeploymentExecutor.AgentCall survivingAgent() {
        return agent(survivingEnvironment(environment));
    }

    /** The build's environment with the node block's cookie replaced. */
    static Map<String, String> survivingEnvironment(final Map<String, String> environment) {
        Map<String, String> surviving = new HashMap<>(environment);
        surviving.put(NODE_COOKIE, SURVIVING_COOKIE);
        return surviving;
    }

    private AgentDeploymentExecutor.AgentCall agent(final Map<String, String> processEnvironment) {
        // Every deploy and smoke request carries the overrides, so the agent reads the descriptor the controller read.
        return (operation, options) -> AgentLauncher.run(name, new AgentRequest(operation, workspace.getRemote(),
                DeployProtocol.withOverrides(new java.util.LinkedHashMap<>(options), overrides)), secrets, workspace,
                launcher, processEnvironment, listener);
    }

    /** The messages printer of the engine: masked, one line each, errors and warnings marked. */
    Messages messages() {
        PrintStream log = log();
        return new Messages(message -> print(log, mask, message));
    }

    /** Where the events come from; a change request by the job's SCM head (see {@link DeployIdentity#origin}). */
    Origin origin() {
        return DeployIdentity.get().origin(run, environment);
    }

    Ledger ledger() {
        return ReleaseLedgers.get().ledger(run.getParent(), descriptor.getApplication());
    }

    /** The description of this run in {@link ActiveDeployments}: what, where, which build. */
    String activity(final String label) {
        return name + " " + label + " (" + job() + " #" + run.getNumber() + ")";
    }

    String job() {
        return run.getParent().getFullName();
    }

    String application() {
        return descriptor.getApplication();
    }

    PrintStream log() {
        return listener.getLogger();
    }

    Run<?, ?> run() {
        return run;
    }

    FilePath workspace() {
        return workspace;
    }

    EnvVars environment() {
        return environment;
    }

    /** The overrides applied to the descriptor, by key. */
    Map<String, String> overrides() {
        return overrides;
    }

    /**
     * The step's {@code overrides} parameter by key.
     *
     * @throws AbortException naming the step and the item that is not {@code path=value}
     */
    static Map<String, String> overrides(final String name, final List<String> overrides) throws AbortException {
        try {
            return DeployOptions.overrides(overrides);
        } catch (IllegalArgumentException e) {
            throw new AbortException(name + ": " + e.getMessage());
        }
    }

    String path() {
        return path;
    }

    String text() {
        return text;
    }

    ReleaseDescriptor descriptor() {
        return descriptor;
    }

    EnvironmentSpec spec() {
        return spec;
    }

    String target() {
        return target;
    }

    SecretMask mask() {
        return mask;
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

    static ReleaseDescriptor parse(final String name, final String text, final String path,
            final Map<String, String> overrides) throws AbortException {
        try {
            return DescriptorLoader.parse(text, path).withOverrides(overrides);
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
}
