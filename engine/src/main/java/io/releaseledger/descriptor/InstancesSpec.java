package io.releaseledger.descriptor;

import java.util.List;

/**
 * How many containers run on each host of an environment, and the port each one serves on. With host networking
 * every instance listens on its own port (told in {@link #getPortVariable()}); with a bridge network instance
 * {@code i}'s port is published to {@link #getContainerPort()}.
 */
public final class InstancesSpec {
    private final int count;
    private final List<Integer> ports;
    private final int containerPort;
    private final String portVariable;

    InstancesSpec(final int count, final List<Integer> ports, final int containerPort, final String portVariable) {
        this.count = count;
        this.ports = List.copyOf(ports);
        this.containerPort = containerPort;
        this.portVariable = portVariable;
    }

    /** Instances per host, at least 1. */
    public int getCount() {
        return count;
    }

    /** The port of each instance on its host, in order; empty when not given. */
    public List<Integer> getPorts() {
        return ports;
    }

    /** The port of instance {@code instance} (1-based), or 0 when the descriptor gives none. */
    public int port(final int instance) {
        return ports.isEmpty() ? 0 : ports.get(instance - 1);
    }

    /** Container port the instance ports are published to (bridge or named networks), 0 when not given. */
    public int getContainerPort() {
        return containerPort;
    }

    /** Environment variable that tells an instance its port. Default {@code PORT}. */
    public String getPortVariable() {
        return portVariable;
    }
}
