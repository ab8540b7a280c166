package io.releaseledger.descriptor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The container of an environment: how each instance of the image is run. */
public final class ContainerSpec {
    private final String name;
    private final List<PortMapping> ports;
    private final List<EnvironmentVariable> env;
    private final List<String> envFiles;
    private final Map<String, String> labels;
    private final List<String> command;
    private final String restartPolicy;
    private final String network;
    /** How long a stop waits after SIGTERM before Docker kills the container, unless the descriptor says otherwise. */
    public static final java.time.Duration DEFAULT_STOP_TIMEOUT = java.time.Duration.ofSeconds(10);
    private boolean init;
    private java.time.Duration stopTimeout = DEFAULT_STOP_TIMEOUT;

    ContainerSpec(final String name, final List<PortMapping> ports, final List<EnvironmentVariable> env,
            final List<String> envFiles, final Map<String, String> labels, final List<String> command,
            final String restartPolicy, final String network) {
        this.name = name;
        this.ports = List.copyOf(ports);
        this.env = List.copyOf(env);
        this.envFiles = List.copyOf(envFiles);
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        this.command = List.copyOf(command);
        this.restartPolicy = restartPolicy;
        this.network = network;
    }

    /** Base name of the containers; instance {@code i} (from 1) is named {@code <name>-<i>}. Default {@code <application>-<environment>}. */
    public String getName() {
        return name;
    }

    /** Published ports (bridge or named networks only). */
    public List<PortMapping> getPorts() {
        return ports;
    }

    /** Environment variables in the order written. */
    public List<EnvironmentVariable> getEnv() {
        return env;
    }

    /** Env files, relative to the workspace (Docker's {@code --env-file} format). */
    public List<String> getEnvFiles() {
        return envFiles;
    }

    /** Extra labels; Release Ledger adds its own {@code io.releaseledger.*} labels. */
    public Map<String, String> getLabels() {
        return labels;
    }

    /** The command, empty for the image's default. */
    public List<String> getCommand() {
        return command;
    }

    /** Docker's restart policy: {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure[:N]}. */
    public String getRestartPolicy() {
        return restartPolicy;
    }

    /** Network mode: {@code host}, {@code bridge}, {@code none}, or a network's name. */
    public String getNetwork() {
        return network;
    }

    public boolean isHostNetwork() {
        return "host".equals(network);
    }

    /** This spec with Docker's init and the stop timeout set (the reader's last step). */
    ContainerSpec withStopping(final boolean runInit, final java.time.Duration timeout) {
        this.init = runInit;
        this.stopTimeout = timeout;
        return this;
    }

    /**
     * Whether Docker runs its init as PID 1 ({@code docker run --init}): it forwards SIGTERM to the command and reaps
     * zombies, so an image whose own PID 1 ignores SIGTERM still stops at once.
     */
    public boolean isInit() {
        return init;
    }

    /** How long a stop waits after SIGTERM before the container is killed; default 10 s. */
    public java.time.Duration getStopTimeout() {
        return stopTimeout;
    }

    /** The name of instance {@code instance} (1-based). */
    public String instanceName(final int instance) {
        return name + "-" + instance;
    }
}
