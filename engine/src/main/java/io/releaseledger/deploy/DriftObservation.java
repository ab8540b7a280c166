package io.releaseledger.deploy;

import io.releaseledger.ReleaseLedgerException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What runs in an environment, as a {@link DriftExecutor} saw it: the containers carrying the environment's labels on
 * every host (for a swarm environment: its Swarm service and tasks instead), the servers of its load-balancer backend, and the digest its registry tag points at. A part that could
 * not be read carries its error instead (a host that does not answer is not drift, it is unknown). Crosses the agent
 * protocol as JSON.
 */
public final class DriftObservation {
    private final String environment;
    private final List<ObservedContainer> containers = new ArrayList<>();
    private final Map<String, String> hostErrors = new LinkedHashMap<>();
    private final List<ObservedServer> servers = new ArrayList<>();
    private String loadBalancerError;
    private String registryTag;
    private String registryDigest;
    private String registryError;
    private ObservedService service;

    public DriftObservation(final String environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public DriftObservation addContainer(final ObservedContainer container) {
        containers.add(Objects.requireNonNull(container, "container"));
        return this;
    }

    /** The host could not be read; its containers are unknown. */
    public DriftObservation setHostError(final String host, final String error) {
        hostErrors.put(host, error);
        return this;
    }

    /** A swarm environment's service as its manager reports it (a manager that does not answer is a host error). */
    public DriftObservation setService(final ObservedService service) {
        this.service = service;
        return this;
    }

    public DriftObservation addServer(final ObservedServer server) {
        servers.add(Objects.requireNonNull(server, "server"));
        return this;
    }

    public DriftObservation setLoadBalancerError(final String error) {
        this.loadBalancerError = error;
        return this;
    }

    /**
     * What the registry tag points at.
     *
     * @param digest {@code null} when the tag does not exist
     * @param error  {@code null} unless the registry could not be asked
     */
    public DriftObservation setRegistry(final String tag, final String digest, final String error) {
        this.registryTag = tag;
        this.registryDigest = digest;
        this.registryError = error;
        return this;
    }

    public String getEnvironment() {
        return environment;
    }

    public List<ObservedContainer> getContainers() {
        return containers;
    }

    public Map<String, String> getHostErrors() {
        return hostErrors;
    }

    public List<ObservedServer> getServers() {
        return servers;
    }

    public String getLoadBalancerError() {
        return loadBalancerError;
    }

    /** The tag read, {@code null} when the registry was not read. */
    public String getRegistryTag() {
        return registryTag;
    }

    public String getRegistryDigest() {
        return registryDigest;
    }

    public String getRegistryError() {
        return registryError;
    }

    /** The Swarm service read, {@code null} when none was read (not a swarm environment, or its manager failed). */
    public ObservedService getService() {
        return service;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", environment);
        List<Object> list = new ArrayList<>();
        containers.forEach(container -> list.add(container.toJson()));
        json.put("containers", list);
        json.put("hostErrors", new LinkedHashMap<>(hostErrors));
        List<Object> serverList = new ArrayList<>();
        servers.forEach(server -> serverList.add(server.toJson()));
        json.put("servers", serverList);
        json.put("loadBalancerError", loadBalancerError);
        json.put("registryTag", registryTag);
        json.put("registryDigest", registryDigest);
        json.put("registryError", registryError);
        json.put("service", service == null ? null : service.toJson());
        return json;
    }

    @SuppressWarnings("unchecked")
    public static DriftObservation fromJson(final Map<String, Object> json) {
        String environment = DriftExpectation.text(json, "environment");
        if (environment == null || !(json.get("containers") instanceof List<?> containers)
                || !(json.get("servers") instanceof List<?> servers)
                || !(json.get("hostErrors") instanceof Map<?, ?> hostErrors)) {
            throw new ReleaseLedgerException("the drift observation lacks \"environment\", \"containers\", "
                    + "\"hostErrors\" or \"servers\"");
        }
        DriftObservation observation = new DriftObservation(environment);
        for (Object container : containers) {
            observation.addContainer(ObservedContainer.fromJson(object(container)));
        }
        for (Object server : servers) {
            observation.addServer(ObservedServer.fromJson(object(server)));
        }
        ((Map<String, Object>) hostErrors).forEach((host, error) -> observation.setHostError(host, String.valueOf(error)));
        if (json.get("service") != null) {
            observation.setService(ObservedService.fromJson(object(json.get("service"))));
        }
        return observation.setLoadBalancerError(DriftExpectation.text(json, "loadBalancerError"))
                .setRegistry(DriftExpectation.text(json, "registryTag"), DriftExpectation.text(json, "registryDigest"),
                        DriftExpectation.text(json, "registryError"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(final Object value) {
        if (!(value instanceof Map)) {
            throw new ReleaseLedgerException("the drift observation's lists must hold objects");
        }
        return (Map<String, Object>) value;
    }
}
