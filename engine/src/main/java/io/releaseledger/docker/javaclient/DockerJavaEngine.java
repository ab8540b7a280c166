package io.releaseledger.docker.javaclient;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.registry.ImageReference;
import io.releaseledger.registry.RegistryCredentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * {@link ContainerEngine} on docker-java with the Apache HttpClient 5 transport. Opening connects to nothing; the
 * first call does. No API version is pinned: requests go to the engine's own current API version, so old (API
 * 1.41) and new engines both answer.
 *
 * <pre>{@code
 * try (ContainerEngine engine = DockerJavaEngine.connect(DockerHost.localSocket())) {
 *     engine.pull(image.getReference(), credentials);
 *     String id = engine.create(new ContainerRequest("shop-web-1", image.getReference()));
 *     engine.start(id);
 * }
 * }</pre>
 */
public final class DockerJavaEngine implements ContainerEngine {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);
    private static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

    private final DockerHost host;
    private final ApacheDockerHttpClient http;
    private final DockerClient docker;

    private DockerJavaEngine(final DockerHost host, final ApacheDockerHttpClient http, final DockerClient docker) {
        this.host = host;
        this.http = http;
        this.docker = docker;
    }

    /**
     * An engine for {@code host}. TLS files are read now, so a missing or broken one fails here.
     *
     * @throws ContainerEngineException naming the host and the file when the TLS files are missing or unusable
     */
    public static DockerJavaEngine connect(final DockerHost host) {
        Objects.requireNonNull(host, "host");
        SSLContext tls = host.isTls() ? TlsContexts.of(host) : null;
        try {
            DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
                    .withDockerHost(host.getUri().toString())
                    .build(); // a fresh builder: reads no DOCKER_* variable, ~/.docker or docker-java properties
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(tls == null ? null : () -> tls)
                    .maxConnections(16)
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .responseTimeout(RESPONSE_TIMEOUT)
                    .build();
            return new DockerJavaEngine(host, http, DockerClientImpl.getInstance(config, http));
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "connecting", "Check the Docker host address");
        }
    }

    @Override
    public DockerHost getHost() {
        return host;
    }

    @Override
    public String ping() {
        try {
            Version version = docker.versionCmd().exec();
            return version.getVersion() + " (API " + version.getApiVersion() + ")";
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "asking the engine for its version", null);
        }
    }

    @Override
    public void pull(final String imageByDigest, final RegistryCredentials credentials) {
        ContainerRequest.requireDigest(imageByDigest);
        ImageReference image = ImageReference.parse(imageByDigest);
        String what = "pulling " + imageByDigest + (credentials == null ? "" : " as " + credentials);
        try {
            var command = docker.pullImageCmd(image.getName()).withTag(image.getDigest().orElseThrow());
            if (credentials != null) {
                command.withAuthConfig(new AuthConfig().withRegistryAddress(image.getRegistry())
                        .withUsername(credentials.getUsername()).withPassword(credentials.getPassword()));
            }
            try (PullImageResultCallback callback = command.exec(new PullImageResultCallback())) {
                if (!callback.awaitCompletion(PULL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new ContainerEngineException(what + " on Docker host " + host + " did not finish within "
                            + PULL_TIMEOUT.toMinutes() + " minutes; check the registry's speed and the host's network");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerEngineException(what + " on Docker host " + host + " was interrupted", e);
        } catch (IOException e) {
            throw new ContainerEngineException(what + " on Docker host " + host + ": " + e.getMessage(), e);
        } catch (ContainerEngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, what, "Check that the image exists in registry " + image.getRegistry()
                    + ", that the host can reach it (an http registry must be in the engine's insecure-registries), "
                    + "and the registry credentials");
        }
        if (!hasImage(imageByDigest)) {
            throw new ContainerEngineException(what + " on Docker host " + host + " ended without the image; "
                    + "see the engine's log");
        }
    }

    @Override
    public boolean hasImage(final String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (RuntimeException e) {
            if (Failures.isNotFound(e)) {
                return false;
            }
            throw Failures.translate(e, host, "looking for image " + image, null);
        }
    }

    @Override
    public List<String> repoDigests(final String image) {
        try {
            List<String> digests = docker.inspectImageCmd(image).exec().getRepoDigests();
            return digests == null ? List.of() : List.copyOf(digests);
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "inspecting image " + image, null);
        }
    }

    @Override
    public String create(final ContainerRequest request) {
        request.validate();
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withNetworkMode(request.getNetworkMode())
                .withRestartPolicy(restartPolicy(request));
        if (request.isInit()) {
            hostConfig.withInit(true); // left unset otherwise: the daemon's own default applies
        }
        List<ExposedPort> exposed = new ArrayList<>();
        if (!request.getPorts().isEmpty()) {
            Ports bindings = new Ports();
            request.getPorts().forEach((hostPort, containerPort) -> {
                ExposedPort port = ExposedPort.tcp(containerPort);
                exposed.add(port);
                bindings.bind(port, Ports.Binding.bindPort(hostPort));
            });
            hostConfig.withPortBindings(bindings);
        }
        try (CreateContainerCmd command = docker.createContainerCmd(request.getImage())) {
            command.withName(request.getName())
                    .withEnv(request.getEnvironmentEntries())
                    .withLabels(request.getLabels())
                    .withHostConfig(hostConfig);
            if (!request.getCommand().isEmpty()) {
                command.withCmd(request.getCommand());
            }
            if (!exposed.isEmpty()) {
                command.withExposedPorts(exposed);
            }
            return command.exec().getId();
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "creating " + request,
                    Failures.isNotFound(e) ? "Pull the image on this host first"
                            : "A container named " + request.getName() + " may exist already: remove it or choose another name");
        }
    }

    private static com.github.dockerjava.api.model.RestartPolicy restartPolicy(final ContainerRequest request) {
        io.releaseledger.docker.RestartPolicy policy = request.getRestartPolicy();
        switch (policy.getName()) {
            case "always":
                return com.github.dockerjava.api.model.RestartPolicy.alwaysRestart();
            case "unless-stopped":
                return com.github.dockerjava.api.model.RestartPolicy.unlessStoppedRestart();
            case "on-failure":
                return com.github.dockerjava.api.model.RestartPolicy.onFailureRestart(policy.getMaximumRetries());
            default:
                return com.github.dockerjava.api.model.RestartPolicy.noRestart();
        }
    }

    @Override
    public void start(final String container) {
        try {
            docker.startContainerCmd(container).exec();
        } catch (NotModifiedException alreadyRunning) {
            // nothing to do
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "starting container " + container,
                    Failures.isNotFound(e) ? "Check the container name or id" : "See the container's log");
        }
    }

    @Override
    public ContainerState inspect(final String container) {
        InspectContainerResponse response;
        try {
            response = docker.inspectContainerCmd(container).exec();
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "inspecting container " + container, null);
        }
        InspectContainerResponse.ContainerState state = response.getState();
        Map<String, String> labels = response.getConfig() == null || response.getConfig().getLabels() == null
                ? Map.of() : response.getConfig().getLabels();
        Long exitCode = state.getExitCodeLong();
        return new ContainerState(response.getId(), stripSlash(response.getName()), state.getStatus(),
                Boolean.TRUE.equals(state.getRunning()), Boolean.TRUE.equals(state.getRestarting()),
                exitCode == null ? null : exitCode.intValue(), state.getError(),
                state.getHealth() == null ? null : state.getHealth().getStatus(),
                response.getRestartCount() == null ? 0 : response.getRestartCount(),
                response.getConfig() == null ? null : response.getConfig().getImage(), response.getImageId(), labels,
                instant(state.getStartedAt()), instant(state.getFinishedAt()));
    }

    @Override
    public void stop(final String container, final Duration timeout) {
        long seconds = Math.max(1, (Objects.requireNonNull(timeout, "timeout").toMillis() + 999) / 1000);
        if (seconds >= RESPONSE_TIMEOUT.getSeconds()) {
            throw new IllegalArgumentException("stop timeout " + timeout + " must be shorter than " + RESPONSE_TIMEOUT);
        }
        try {
            docker.stopContainerCmd(container).withTimeout((int) seconds).exec();
        } catch (NotModifiedException alreadyStopped) {
            // nothing to do
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "stopping container " + container, null);
        }
    }

    @Override
    public void remove(final String container) {
        try {
            docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            if (!Failures.isNotFound(e)) {
                throw Failures.translate(e, host, "removing container " + container, null);
            }
        }
    }

    @Override
    public List<ContainerSummary> findByLabels(final Map<String, String> labels) {
        List<String> filter = new ArrayList<>();
        labels.forEach((key, value) -> filter.add(value == null || value.isEmpty() ? key : key + "=" + value));
        List<Container> containers;
        try {
            var command = docker.listContainersCmd().withShowAll(true);
            if (!filter.isEmpty()) {
                command.withFilter("label", filter);
            }
            containers = command.exec();
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "listing containers labelled " + labels, null);
        }
        List<ContainerSummary> found = new ArrayList<>();
        for (Container container : containers) {
            String[] names = container.getNames();
            found.add(new ContainerSummary(container.getId(),
                    names == null || names.length == 0 ? null : stripSlash(names[0]), container.getImage(),
                    container.getImageId(), container.getState(), container.getStatus(),
                    container.getLabels() == null ? Map.of() : container.getLabels()));
        }
        return found;
    }

    @Override
    public String logs(final String container, final int lines) {
        if (lines < 1) {
            throw new IllegalArgumentException("log lines must be 1 or more, got " + lines);
        }
        StringBuilder text = new StringBuilder();
        String what = "reading the log of container " + container;
        try (ResultCallback.Adapter<Frame> callback = docker.logContainerCmd(container).withStdOut(true)
                .withStdErr(true).withTail(lines).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(final Frame frame) {
                        synchronized (text) {
                            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }
                })) {
            if (!callback.awaitCompletion(RESPONSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ContainerEngineException(what + " on Docker host " + host + " did not finish in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerEngineException(what + " on Docker host " + host + " was interrupted", e);
        } catch (IOException e) {
            throw new ContainerEngineException(what + " on Docker host " + host + ": " + e.getMessage(), e);
        } catch (ContainerEngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, what, null);
        }
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a connection pool: nothing left to do about a failure
        }
        try {
            http.close();
        } catch (IOException | RuntimeException ignored) {
            // the same
        }
    }

    private static String stripSlash(final String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    private static Instant instant(final String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(text);
            return instant.equals(NEVER) ? null : instant;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "Docker engine at " + host;
    }
}
