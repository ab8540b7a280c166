package io.releaseledger.swarm;

import io.releaseledger.registry.RegistryCredentials;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The spec Release Ledger wants a service to have: image by digest, labels on the service and its containers, the
 * task's environment (values may hold Swarm templates such as {@code {{.Task.Slot}}}), command, host networking,
 * replicas, and the update and rollback configuration.
 */
public final class SwarmServiceRequest {
    private final String name;
    private final String image;
    private final int replicas;
    private Map<String, String> labels = Map.of();
    private Map<String, String> containerLabels = Map.of();
    private Map<String, String> environment = Map.of();
    private List<String> command = List.of();
    private boolean init;
    private Duration stopTimeout = Duration.ofSeconds(10);
    private UpdatePolicy update = new UpdatePolicy(1, Duration.ZERO, false, "pause", Duration.ofSeconds(5));
    private UpdatePolicy rollback = update;
    private RegistryCredentials registryCredentials;

    public SwarmServiceRequest(final String name, final String image, final int replicas) {
        this.name = name;
        this.image = image;
        this.replicas = replicas;
    }

    public SwarmServiceRequest setLabels(final Map<String, String> labels) {
        this.labels = Map.copyOf(labels);
        return this;
    }

    public SwarmServiceRequest setContainerLabels(final Map<String, String> containerLabels) {
        this.containerLabels = Map.copyOf(containerLabels);
        return this;
    }

    public SwarmServiceRequest setEnvironment(final Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    public SwarmServiceRequest setCommand(final List<String> command) {
        this.command = List.copyOf(command);
        return this;
    }

    public SwarmServiceRequest setInit(final boolean init) {
        this.init = init;
        return this;
    }

    public SwarmServiceRequest setStopTimeout(final Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        return this;
    }

    public SwarmServiceRequest setUpdate(final UpdatePolicy update) {
        this.update = update;
        return this;
    }

    public SwarmServiceRequest setRollback(final UpdatePolicy rollback) {
        this.rollback = rollback;
        return this;
    }

    /** The login the manager passes to the nodes that pull the image; {@code null} when the registry needs none. */
    public SwarmServiceRequest setRegistryCredentials(final RegistryCredentials registryCredentials) {
        this.registryCredentials = registryCredentials;
        return this;
    }

    public RegistryCredentials getRegistryCredentials() {
        return registryCredentials;
    }

    public String getName() {
        return name;
    }

    public String getImage() {
        return image;
    }

    public int getReplicas() {
        return replicas;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public Map<String, String> getContainerLabels() {
        return containerLabels;
    }

    public Map<String, String> getEnvironment() {
        return environment;
    }

    public List<String> getCommand() {
        return command;
    }

    public boolean isInit() {
        return init;
    }

    public Duration getStopTimeout() {
        return stopTimeout;
    }

    public UpdatePolicy getUpdate() {
        return update;
    }

    public UpdatePolicy getRollback() {
        return rollback;
    }

    /** Swarm's {@code UpdateConfig}: failure action {@code rollback}, {@code pause} or {@code continue}. */
    public static final class UpdatePolicy {
        private final int parallelism;
        private final Duration delay;
        private final boolean startFirst;
        private final String failureAction;
        private final Duration monitor;

        public UpdatePolicy(final int parallelism, final Duration delay, final boolean startFirst,
                final String failureAction, final Duration monitor) {
            this.parallelism = parallelism;
            this.delay = delay;
            this.startFirst = startFirst;
            this.failureAction = failureAction;
            this.monitor = monitor;
        }

        public int getParallelism() {
            return parallelism;
        }

        public Duration getDelay() {
            return delay;
        }

        public boolean isStartFirst() {
            return startFirst;
        }

        public String getFailureAction() {
            return failureAction;
        }

        public Duration getMonitor() {
            return monitor;
        }
    }
}
