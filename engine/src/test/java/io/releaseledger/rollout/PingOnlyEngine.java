package io.releaseledger.rollout;

import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.registry.RegistryCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** An engine that can only be pinged: the host preflight must do nothing else with it. */
final class PingOnlyEngine implements ContainerEngine {
    private final Supplier<String> ping;

    PingOnlyEngine(final Supplier<String> ping) {
        this.ping = ping;
    }

    @Override
    public DockerHost getHost() {
        return DockerHost.tcp("127.0.0.1", 2376);
    }

    @Override
    public String ping() {
        return ping.get();
    }

    @Override
    public void pull(final String imageByDigest, final RegistryCredentials credentials) {
        throw new AssertionError("pull");
    }

    @Override
    public boolean hasImage(final String image) {
        throw new AssertionError("hasImage");
    }

    @Override
    public List<String> repoDigests(final String image) {
        throw new AssertionError("repoDigests");
    }

    @Override
    public String create(final ContainerRequest request) {
        throw new AssertionError("create");
    }

    @Override
    public void start(final String container) {
        throw new AssertionError("start");
    }

    @Override
    public ContainerState inspect(final String container) {
        throw new AssertionError("inspect");
    }

    @Override
    public void stop(final String container, final Duration timeout) {
        throw new AssertionError("stop");
    }

    @Override
    public void remove(final String container) {
        throw new AssertionError("remove");
    }

    @Override
    public List<ContainerSummary> findByLabels(final Map<String, String> labels) {
        throw new AssertionError("findByLabels");
    }

    @Override
    public String logs(final String container, final int lines) {
        throw new AssertionError("logs");
    }

    @Override
    public void close() {
        // nothing to release
    }
}
