package io.releaseledger.rollout;

import io.releaseledger.deploy.DeployCommand;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentExecutor;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.DeploymentRecorder;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.deploy.PlanRequest;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.descriptor.SecretReference;
import io.releaseledger.registry.ImageReference;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.registry.RegistryCredentials;
import io.releaseledger.report.Messages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a deploy's I/O in this process: the registry through a {@link RegistryClient}, the hosts and the load balancer
 * through {@link DeployTargets}. The CLI uses it directly; the agent uses it for the operations the Jenkins
 * controller sends. Connections it opened itself are closed by {@link #close()}.
 *
 * <pre>{@code
 * try (LocalDeploymentExecutor executor = new LocalDeploymentExecutor(descriptor, registry)
 *         .setRegistryCredentials(credentials).setMessages(messages)) {
 *     new DeployCommand(descriptor, "staging", "1.5.0", ledger, executor).call();
 * }
 * }</pre>
 */
public final class LocalDeploymentExecutor implements DeploymentExecutor, AutoCloseable {
    private final ReleaseDescriptor descriptor;
    private final RegistryClient registry;
    private final Map<String, DeployTargets> ownTargets = new LinkedHashMap<>();
    private DeployTargets targets;
    private Function<SecretReference, String> secrets = ContainerFactory::fromProcessEnvironment;
    private RegistryCredentials registryCredentials;
    private Path workspace = Path.of(".");
    private Duration stopTimeout;
    private DeploymentListener listener = new DeploymentListener() { };
    private Messages messages = new Messages();

    /**
     * @param registry the client of the image's registry (with its credentials): resolves tags, sets tags; may be
     *                 {@code null} when every plan names its digest and no tag is set
     */
    public LocalDeploymentExecutor(final ReleaseDescriptor descriptor, final RegistryClient registry) {
        this.descriptor = descriptor;
        this.registry = registry;
    }

    /** The connections to every host and load balancer; default: what the descriptor names, opened on demand. */
    public LocalDeploymentExecutor setTargets(final DeployTargets targets) {
        this.targets = targets;
        return this;
    }

    /** Resolves secret references of the containers' environment; default: {@code {env: VAR}} of this process. */
    public LocalDeploymentExecutor setSecrets(final Function<SecretReference, String> secrets) {
        this.secrets = secrets;
        return this;
    }

    /** The credentials the hosts pull the image with. */
    public LocalDeploymentExecutor setRegistryCredentials(final RegistryCredentials registryCredentials) {
        this.registryCredentials = registryCredentials;
        return this;
    }

    /** Where env files are read from (default: the working directory). */
    public LocalDeploymentExecutor setWorkspace(final Path workspace) {
        this.workspace = workspace;
        return this;
    }

    /** How long an old container has to stop after SIGTERM before it is killed (default: the descriptor's container.stopTimeout, 10 s unless it says otherwise). */
    public LocalDeploymentExecutor setStopTimeout(final Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        return this;
    }

    public LocalDeploymentExecutor setListener(final DeploymentListener listener) {
        this.listener = listener;
        return this;
    }

    public LocalDeploymentExecutor setMessages(final Messages messages) {
        this.messages = messages;
        return this;
    }

    @Override
    public DeploymentPlan plan(final PlanRequest request) {
        DeploymentPlan plan = new DeploymentPlanner(descriptor, request.getEnvironment(), request.getVersion(),
                registry, targets(request.getEnvironment())).setTag(request.getTag()).setDigest(request.getDigest())
                .setBuild(request.getBuild()).setCommit(request.getCommit())
                .setAllowDowngrade(request.isAllowDowngrade()).plan();
        ContainerFactory containers = new ContainerFactory(plan.getApplication(), environment(plan.getEnvironment()),
                secrets, workspace);
        return plan.withConfiguration(containers.configurationHashes(request.getConfigurationKey()))
                .withSettings(containers.settings(request.getConfigurationKey(), descriptor.getFingerprint()));
    }

    @Override
    public DeploymentResult execute(final DeploymentPlan plan, final String lockId, final DeploymentRecorder recorder) {
        if (environment(plan.getEnvironment()).isSwarm()) {
            return swarmDeployer(plan.getEnvironment(), recorder).deploy(plan);
        }
        return deployer(plan.getEnvironment(), recorder).deploy(plan);
    }

    @Override
    public void reconcile(final DeploymentPlan plan, final DeploymentRecorder recorder) {
        if (environment(plan.getEnvironment()).isSwarm()) {
            swarmDeployer(plan.getEnvironment(), recorder).reconcile(plan);
            return;
        }
        deployer(plan.getEnvironment(), recorder).reconcile(plan);
    }

    private SwarmDeployer swarmDeployer(final String environment, final DeploymentRecorder recorder) {
        return new SwarmDeployer(environment(environment), targets(environment)).setRecorder(recorder)
                .setMessages(messages).setSecrets(secrets).setWorkspace(workspace)
                .setRegistryCredentials(registryCredentials);
    }

    @Override
    public List<String> tagImage(final DeploymentPlan plan, final List<String> tags) {
        List<String> warnings = new ArrayList<>();
        if (tags.isEmpty()) {
            return warnings;
        }
        if (registry == null) {
            warnings.add("No registry client: the image was not tagged " + tags + ".");
            return warnings;
        }
        String repository = ImageReference.parse(plan.getRepository()).getRepository();
        for (String tag : tags) {
            try {
                registry.tag(repository, plan.getDigest(), tag);
                messages.info("Tagged %s@%s as %s", plan.getRepository(), plan.getDigest(), tag);
            } catch (RuntimeException e) {
                warnings.add("The deploy succeeded, but tagging the image as " + tag + " in the registry failed: "
                        + e.getMessage());
            }
        }
        return warnings;
    }

    private Deployer deployer(final String environment, final DeploymentRecorder recorder) {
        return new Deployer(descriptor, environment, targets(environment)).setRecorder(recorder).setListener(listener)
                .setMessages(messages).setSecrets(secrets).setRegistryCredentials(registryCredentials)
                .setWorkspace(workspace).setStopTimeout(stopTimeout);
    }

    private synchronized DeployTargets targets(final String environment) {
        if (targets != null) {
            return targets;
        }
        return ownTargets.computeIfAbsent(environment, name -> new EnvironmentTargets(environment(name)));
    }

    private EnvironmentSpec environment(final String name) {
        return descriptor.getEnvironment(name).orElseThrow(() -> new DeploymentException("The descriptor "
                + descriptor.getSource() + " has no environment '" + name + "'."));
    }

    /** Closes the connections this executor opened; targets given by {@link #setTargets} stay open. */
    @Override
    public synchronized void close() {
        ownTargets.values().forEach(DeployTargets::close);
        ownTargets.clear();
    }
}
