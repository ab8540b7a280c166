package io.releaseledger.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One instance of a {@link DeploymentPlan}: where it runs (host, address, port), its container, its load-balancer
 * server (when the environment has one) and the release it replaces, if any, for a restore.
 */
public final class PlannedInstance {
    private final String host;
    private final String hostUrl;
    private final String address;
    private final int index;
    private final String containerName;
    private final int port;
    private final String backend;
    private final String server;
    private final PreviousRelease previous;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public PlannedInstance(final String host, final String hostUrl, final String address, final int index,
            final String containerName, final int port, final String backend, final String server,
            final PreviousRelease previous) {
        this.host = Objects.requireNonNull(host, "host");
        this.hostUrl = Objects.requireNonNull(hostUrl, "hostUrl");
        this.address = Objects.requireNonNull(address, "address");
        this.index = index;
        this.containerName = Objects.requireNonNull(containerName, "containerName");
        this.port = port;
        this.backend = backend;
        this.server = server;
        this.previous = previous;
    }

    /** The host's short name from the descriptor. */
    public String getHost() {
        return host;
    }

    /** The Docker URL of the host as written in the descriptor. */
    public String getHostUrl() {
        return hostUrl;
    }

    /** Where the instance is reached by the load balancer and the health gate. */
    public String getAddress() {
        return address;
    }

    /** The instance's number on its host, from 1. */
    public int getIndex() {
        return index;
    }

    public String getContainerName() {
        return containerName;
    }

    /** The instance's port, 0 when the descriptor gives none. */
    public int getPort() {
        return port;
    }

    /** The load balancer's backend, {@code null} without a load balancer. */
    public String getBackend() {
        return backend;
    }

    /** The load balancer's server of this instance, {@code null} without a load balancer. */
    public String getServer() {
        return server;
    }

    public boolean hasLoadBalancer() {
        return backend != null && server != null;
    }

    /** What ran here before the deploy, {@code null} for a first deploy. */
    public PreviousRelease getPrevious() {
        return previous;
    }

    /** {@code host/container}, as messages name an instance. */
    public String describe() {
        return host + "/" + containerName + (port > 0 ? " (" + address + ":" + port + ")" : "");
    }

    @Override
    public String toString() {
        return describe();
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", host);
        json.put("hostUrl", hostUrl);
        json.put("address", address);
        json.put("instance", index);
        json.put("container", containerName);
        json.put("port", port);
        json.put("backend", backend);
        json.put("server", server);
        json.put("previous", previous == null ? null : previous.toJson());
        return json;
    }

    @SuppressWarnings("unchecked")
    static PlannedInstance fromJson(final Map<String, Object> json) {
        Object previous = json.get("previous");
        return new PlannedInstance(JsonFields.string(json, "host"), JsonFields.string(json, "hostUrl"),
                JsonFields.string(json, "address"), JsonFields.integer(json, "instance"),
                JsonFields.string(json, "container"), JsonFields.integer(json, "port"),
                JsonFields.optionalString(json, "backend"), JsonFields.optionalString(json, "server"),
                previous instanceof Map ? PreviousRelease.fromJson((Map<String, Object>) previous) : null);
    }
}
