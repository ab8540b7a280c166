package io.releaseledger.agent;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.PlanRequest;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.registry.ImageReference;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.registry.RegistryCredentials;
import io.releaseledger.report.Messages;
import io.releaseledger.rollout.CollectingDeploymentRecorder;
import io.releaseledger.rollout.LocalDeploymentExecutor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One of the {@code deploy.*} operations ({@link DeployProtocol}): the agent's side of a
 * {@link io.releaseledger.deploy.DeploymentExecutor} whose commands run on the Jenkins controller. Every
 * operation parses the descriptor text, checks that every credentials id the environment uses was provided
 * (before touching anything), and runs a {@link LocalDeploymentExecutor}. Progress is written line by line to
 * {@code live} as it happens (masked), not returned in the response, so the build log shows it once and in time.
 */
public final class DeployOperation implements AgentOperation {
    private static final Set<String> COMMON = Set.of("descriptor", "descriptorSource", "environment", "credentials", DeployProtocol.OVERRIDES);

    private final String name;
    private final Map<String, String> processEnvironment;
    private final Consumer<String> live;
    private Duration stopTimeout;

    /**
     * @param name               one of {@link DeployProtocol#PLAN}, {@code EXECUTE}, {@code RECONCILE}, {@code TAG}
     * @param processEnvironment where the credentials' values and the registry credentials are read
     * @param live               receives each progress line (masked) as it happens, e.g. stderr
     */
    public DeployOperation(final String name, final Map<String, String> processEnvironment,
            final Consumer<String> live) {
        if (!List.of(DeployProtocol.PLAN, DeployProtocol.EXECUTE, DeployProtocol.RECONCILE, DeployProtocol.TAG)
                .contains(name)) {
            throw new IllegalArgumentException("not a deploy operation: " + name);
        }
        this.name = name;
        this.processEnvironment = Map.copyOf(processEnvironment);
        this.live = Objects.requireNonNull(live, "live");
    }

    /** The four operations, for the agent's table. */
    public static List<DeployOperation> all(final Map<String, String> processEnvironment, final Consumer<String> live) {
        return List.of(new DeployOperation(DeployProtocol.PLAN, processEnvironment, live),
                new DeployOperation(DeployProtocol.EXECUTE, processEnvironment, live),
                new DeployOperation(DeployProtocol.RECONCILE, processEnvironment, live),
                new DeployOperation(DeployProtocol.TAG, processEnvironment, live));
    }

    /** How long an old container has to stop before it is killed (default: the descriptor's container.stopTimeout, 10 s unless it says otherwise). */
    public DeployOperation setStopTimeout(final Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        return this;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Map<String, Object> run(final AgentRequest request, final Messages messages) {
        OptionReader reader = new OptionReader(name, request.getOptions(), known());
        try (EnvironmentScope<Void> scope = EnvironmentScope.forChange(reader, processEnvironment);
                LocalDeploymentExecutor executor = new LocalDeploymentExecutor(scope.descriptor(),
                        registry(scope.descriptor())).setTargets(scope.targets())
                        .setSecrets(scope.credentials()::secret).setMessages(ProgressLines.to(live, scope.mask()))
                        .setRegistryCredentials(registryCredentials()).setStopTimeout(stopTimeout)
                        .setWorkspace(Path.of(request.getWorkspace()))) {
            return run(reader, executor, scope.mask());
        }
    }

    private Map<String, Object> run(final OptionReader reader, final LocalDeploymentExecutor executor,
            final SecretMask mask) {
        Map<String, Object> result = new LinkedHashMap<>();
        switch (name) {
            case DeployProtocol.PLAN -> result.put("plan", executor.plan(PlanRequest.fromJson(reader.object("request")))
                    .toJson());
            case DeployProtocol.EXECUTE -> {
                CollectingDeploymentRecorder recorder = new CollectingDeploymentRecorder();
                long start = System.nanoTime();
                String message = null;
                try {
                    executor.execute(plan(reader), reader.has("lockId") ? reader.string("lockId") : null, recorder);
                } catch (DeploymentException e) {
                    message = mask.mask(e.getMessage());
                }
                result.put("succeeded", message == null);
                result.put("message", message);
                result.put("events", recorder.getEvents());
                result.put("durationMillis", Duration.ofNanos(System.nanoTime() - start).toMillis());
            }
            case DeployProtocol.RECONCILE -> {
                CollectingDeploymentRecorder recorder = new CollectingDeploymentRecorder();
                String message = null;
                try {
                    executor.reconcile(plan(reader), recorder);
                } catch (DeploymentException e) {
                    message = mask.mask(e.getMessage());
                }
                result.put("events", recorder.getEvents());
                result.put("message", message);
            }
            default -> result.put("warnings", executor.tagImage(plan(reader), reader.strings("tags")).stream()
                    .map(mask::mask).toList());
        }
        return result;
    }

    private Set<String> known() {
        Set<String> known = new java.util.HashSet<>(COMMON);
        switch (name) {
            case DeployProtocol.PLAN -> known.add("request");
            case DeployProtocol.EXECUTE -> known.addAll(List.of("plan", "lockId"));
            case DeployProtocol.RECONCILE -> known.add("plan");
            default -> known.addAll(List.of("plan", "tags"));
        }
        return known;
    }

    private RegistryClient registry(final ReleaseDescriptor descriptor) {
        return registry(descriptor, processEnvironment);
    }

    /** The client of the descriptor's image registry with the credentials of the agent's environment, if any. */
    static RegistryClient registry(final ReleaseDescriptor descriptor, final Map<String, String> processEnvironment) {
        return new RegistryClient(ImageReference.parse(descriptor.getImage()).getRegistry())
                .setCredentials(registryCredentials(processEnvironment));
    }

    private RegistryCredentials registryCredentials() {
        return registryCredentials(processEnvironment);
    }

    private static RegistryCredentials registryCredentials(final Map<String, String> processEnvironment) {
        String username = processEnvironment.get(DeployProtocol.REGISTRY_USERNAME);
        String password = processEnvironment.get(DeployProtocol.REGISTRY_PASSWORD);
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            if (password != null && !password.isEmpty()) {
                throw new AgentProtocolException(DeployProtocol.REGISTRY_PASSWORD + " is set but "
                        + DeployProtocol.REGISTRY_USERNAME + " is not");
            }
            return null;
        }
        return RegistryCredentials.of(username, password);
    }

    private static DeploymentPlan plan(final OptionReader reader) {
        return DeploymentPlan.fromJson(reader.object("plan"));
    }
}
