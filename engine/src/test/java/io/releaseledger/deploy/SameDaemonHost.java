package io.releaseledger.deploy;

import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.registry.RegistryCredentials;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A second Docker host on the one test engine: container names get a prefix (the descriptor gives every host the
 * same names) and the containers get {@code BIND} (their own loopback address). Everything else goes to the real
 * engine it wraps, over whatever connection that engine uses.
 */
final class SameDaemonHost implements ContainerEngine {
    private final ContainerEngine engine;
    private final String prefix;
    private final String bind;

    SameDaemonHost(final ContainerEngine engine, final String prefix, final String bind) {
        this.engine = engine;
        this.prefix = prefix;
        this.bind = bind;
    }

    private String name(final String container) {
        return container.startsWith(TestApp.APPLICATION) ? prefix + container : container;
    }

    @Override
    public DockerHost getHost() {
        return engine.getHost();
    }

    @Override
    public String ping() {
        return engine.ping();
    }

    @Override
    public void pull(final String imageByDigest, final RegistryCredentials credentials) {
        engine.pull(imageByDigest, credentials);
    }

    @Override
    public boolean hasImage(final String image) {
        return engine.hasImage(image);
    }

    @Override
    public List<String> repoDigests(final String image) {
        return engine.repoDigests(image);
    }

    @Override
    public String create(final ContainerRequest request) {
        Map<String, String> env = new LinkedHashMap<>(request.getEnvironment());
        env.put("BIND", bind);
        return engine.create(new ContainerRequest(name(request.getName()), request.getImage()).setEnvironment(env)
                .setLabels(request.getLabels()).setCommand(request.getCommand())
                .setNetworkMode(request.getNetworkMode()).setPorts(request.getPorts())
                .setRestartPolicy(request.getRestartPolicy()));
    }

    @Override
    public void start(final String container) {
        engine.start(name(container));
    }

    @Override
    public ContainerState inspect(final String container) {
        return engine.inspect(name(container));
    }

    @Override
    public void stop(final String container, final Duration timeout) {
        engine.stop(name(container), timeout);
    }

    @Override
    public void remove(final String container) {
        engine.remove(name(container));
    }

    @Override
    public List<ContainerSummary> findByLabels(final Map<String, String> labels) {
        List<ContainerSummary> own = new ArrayList<>();
        for (ContainerSummary summary : engine.findByLabels(labels)) {
            if (summary.getName() != null && summary.getName().startsWith(prefix)) {
                own.add(new ContainerSummary(summary.getId(), summary.getName().substring(prefix.length()),
                        summary.getImage(), summary.getImageId(), summary.getState(), summary.getStatus(),
                        summary.getLabels()));
            }
        }
        return own;
    }

    @Override
    public String logs(final String container, final int lines) {
        return engine.logs(name(container), lines);
    }

    @Override
    public void close() {
        engine.close();
    }
}
