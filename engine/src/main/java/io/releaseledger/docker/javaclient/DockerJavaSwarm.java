package io.releaseledger.docker.javaclient;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.ServiceUpdateStatus;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.registry.ImageReference;
import io.releaseledger.registry.RegistryCredentials;
import io.releaseledger.swarm.SwarmEngine;
import io.releaseledger.swarm.SwarmService;
import io.releaseledger.swarm.SwarmServiceRequest;
import io.releaseledger.swarm.SwarmTask;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * {@link SwarmEngine} on docker-java's service API ({@code createServiceCmd}, {@code inspectServiceCmd},
 * {@code updateServiceCmd}, {@code listTasksCmd}). Swarm's own rollback ({@code rollback=previous}) has no command in
 * docker-java 3.7, so it is one raw request on the same connection. Tasks run with host networking.
 */
public final class DockerJavaSwarm implements SwarmEngine {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);
    /** A task that exits is started again after this pause, as the host deploy's restart policy would. */
    private static final Duration RESTART_DELAY = Duration.ofSeconds(1);
    /** Tries of an update Swarm refused as out of sequence while the release it replaces stayed the same. */
    private static final int SEQUENCE_ATTEMPTS = 3;

    private final DockerHost host;
    private final DefaultDockerClientConfig config;
    private final ApacheDockerHttpClient http;
    private final DockerClient docker;

    private DockerJavaSwarm(final DockerHost host, final DefaultDockerClientConfig config,
            final ApacheDockerHttpClient http) {
        this.host = host;
        this.config = config;
        this.http = http;
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    /** A client of the swarm manager at {@code host}; connects on the first call. */
    public static DockerJavaSwarm connect(final DockerHost host) {
        Objects.requireNonNull(host, "host");
        SSLContext tls = host.isTls() ? TlsContexts.of(host) : null;
        try {
            DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
                    .withDockerHost(host.getUri().toString()).build();
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                    .sslConfig(tls == null ? null : () -> tls).maxConnections(4)
                    .connectionTimeout(CONNECT_TIMEOUT).responseTimeout(RESPONSE_TIMEOUT).build();
            return new DockerJavaSwarm(host, config, http);
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "connecting", "Check the Docker host address");
        }
    }

    @Override
    public Optional<SwarmService> inspect(final String service) {
        try {
            return Optional.of(toService(docker.inspectServiceCmd(service).exec()));
        } catch (RuntimeException e) {
            if (Failures.isNotFound(e)) {
                return Optional.empty();
            }
            throw Failures.translate(e, host, "reading Swarm service " + service, notAManager());
        }
    }

    @Override
    public String create(final SwarmServiceRequest request) {
        try {
            var command = docker.createServiceCmd(spec(request));
            if (request.getRegistryCredentials() != null) {
                command.withAuthConfig(authConfig(request));
            }
            return command.exec().getId();
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "creating Swarm service " + request.getName(), notAManager());
        }
    }

    @Override
    public void update(final SwarmService current, final SwarmServiceRequest request) {
        SwarmService read = current;
        for (int attempt = 1;; attempt++) {
            try {
                updateOnce(read, request);
                return;
            } catch (ContainerEngineException e) {
                if (attempt == SEQUENCE_ATTEMPTS || !isOutOfSequence(e)) {
                    throw e;
                }
                read = readAgain(current, request.getName());
            }
        }
    }

    private void updateOnce(final SwarmService current, final SwarmServiceRequest request) {
        try {
            if (request.getRegistryCredentials() == null) {
                docker.updateServiceCmd(current.getId(), spec(request)).withVersion(current.getVersion()).exec();
                return;
            }
            // docker-java 3.7.1's updateServiceCmd has no auth config (only createServiceCmd sends X-Registry-Auth),
            // so an update with a login is the same request sent raw with the header, as the docker CLI sends it
            send("updating Swarm service " + request.getName(), "/services/" + current.getId() + "/update?version="
                    + current.getVersion(), config.getObjectMapper().writeValueAsBytes(spec(request)),
                    registryAuth(request));
        } catch (IOException e) {
            throw new ContainerEngineException("updating Swarm service " + request.getName() + ": cannot reach the "
                    + "Docker engine at " + host + " (" + e.getMessage() + ")", e);
        } catch (ContainerEngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "updating Swarm service " + request.getName(),
                    "Another change of the service may have come first; deploy again");
        }
    }

    /**
     * The service read again after Swarm refused an update as out of sequence. Swarm raises the version on its own
     * bookkeeping too (an update's status, the allocator), so a version that moved while the release (image and
     * labels) stayed is no one else's deploy: the update is sent again on the new version. A release that changed is
     * another deploy that came first, and is left alone.
     */
    private SwarmService readAgain(final SwarmService current, final String name) {
        SwarmService now = inspect(current.getId()).orElseThrow(() -> new ContainerEngineException("updating Swarm "
                + "service " + name + " on Docker host " + host + " failed: the service was removed while this deploy "
                + "read it; deploy again"));
        if (!Objects.equals(now.getImage(), current.getImage()) || !now.getLabels().equals(current.getLabels())) {
            throw new ContainerEngineException("updating Swarm service " + name + " on Docker host " + host
                    + " failed: another change of the service came first (it now runs " + now.getImage() + "); "
                    + "nothing was changed by this deploy. Deploy again once that change is done");
        }
        return now;
    }

    private static boolean isOutOfSequence(final ContainerEngineException e) {
        return e.getMessage() != null && e.getMessage().contains("update out of sequence");
    }

    @Override
    public void rollback(final SwarmService current) {
        String what = "rolling back Swarm service " + current.getName();
        try {
            for (int attempt = 1;; attempt++) {
                // read just before asking: the version moves on Swarm's own bookkeeping as well
                Service service = docker.inspectServiceCmd(current.getId()).exec();
                byte[] body = config.getObjectMapper().writeValueAsBytes(service.getSpec());
                try {
                    send(what, "/services/" + service.getId() + "/update?version=" + service.getVersion().getIndex()
                            + "&rollback=previous", body, null);
                    return;
                } catch (ContainerEngineException e) {
                    if (attempt == SEQUENCE_ATTEMPTS || !isOutOfSequence(e)) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new ContainerEngineException(what + ": cannot reach the Docker engine at " + host + " ("
                    + e.getMessage() + ")", e);
        } catch (ContainerEngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, what, null);
        }
    }

    @Override
    public List<SwarmTask> tasks(final String serviceId) {
        try {
            List<SwarmTask> tasks = new ArrayList<>();
            for (Task task : docker.listTasksCmd().withServiceFilter(serviceId).exec()) {
                tasks.add(toTask(task));
            }
            return tasks;
        } catch (RuntimeException e) {
            throw Failures.translate(e, host, "listing the tasks of Swarm service " + serviceId, notAManager());
        }
    }

    @Override
    public void remove(final String service) {
        try {
            docker.removeServiceCmd(service).exec();
        } catch (RuntimeException e) {
            if (!Failures.isNotFound(e)) {
                throw Failures.translate(e, host, "removing Swarm service " + service, null);
            }
        }
    }

    /** One POST on the client's connection; {@code registryAuth} is the X-Registry-Auth value, or {@code null}. */
    private void send(final String what, final String path, final byte[] body, final String registryAuth)
            throws IOException {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST).path(path)
                .putHeader("Content-Type", "application/json").bodyBytes(body);
        if (registryAuth != null) {
            request.putHeader("X-Registry-Auth", registryAuth);
        }
        try (DockerHttpClient.Response response = http.execute(request.build())) {
            if (response.getStatusCode() / 100 != 2) {
                throw new ContainerEngineException(what + " on Docker host " + host + " failed: "
                        + read(response.getBody()) + " (HTTP " + response.getStatusCode() + ")");
            }
        }
    }

    private static AuthConfig authConfig(final SwarmServiceRequest request) {
        RegistryCredentials login = request.getRegistryCredentials();
        return new AuthConfig().withRegistryAddress(ImageReference.parse(request.getImage()).getRegistry())
                .withUsername(login.getUsername()).withPassword(login.getPassword());
    }

    /** The header's value as docker-java's create sends it: the auth config as JSON, base64url. */
    private String registryAuth(final SwarmServiceRequest request) throws IOException {
        return Base64.getUrlEncoder().encodeToString(config.getObjectMapper().writeValueAsBytes(authConfig(request)));
    }

    private static String notAManager() {
        return "The host must be a manager of a swarm (docker swarm init, or docker swarm join as a manager)";
    }

    private static ServiceSpec spec(final SwarmServiceRequest request) {
        List<String> env = new ArrayList<>();
        request.getEnvironment().forEach((name, value) -> env.add(name + "=" + value));
        ContainerSpec container = new ContainerSpec().withImage(request.getImage())
                .withLabels(request.getContainerLabels()).withEnv(env).withInit(request.isInit())
                .withStopGracePeriod(request.getStopTimeout().toNanos());
        if (!request.getCommand().isEmpty()) {
            container.withArgs(request.getCommand());
        }
        TaskSpec task = new TaskSpec().withContainerSpec(container)
                .withNetworks(List.of(new NetworkAttachmentConfig().withTarget("host")))
                .withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.ANY)
                        .withDelay(RESTART_DELAY.toNanos()));
        return new ServiceSpec().withName(request.getName()).withLabels(request.getLabels()).withTaskTemplate(task)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions()
                        .withReplicas(request.getReplicas())))
                .withUpdateConfig(updateConfig(request.getUpdate()))
                .withRollbackConfig(updateConfig(request.getRollback()));
    }

    private static UpdateConfig updateConfig(final SwarmServiceRequest.UpdatePolicy policy) {
        return new UpdateConfig().withParallelism((long) policy.getParallelism())
                .withDelay(policy.getDelay().toNanos()).withMonitor(policy.getMonitor().toNanos())
                .withOrder(policy.isStartFirst() ? UpdateOrder.START_FIRST : UpdateOrder.STOP_FIRST)
                .withFailureAction(UpdateFailureAction.valueOf(policy.getFailureAction().toUpperCase(Locale.ROOT)))
                .withMaxFailureRatio(0f);
    }

    private static SwarmService toService(final Service service) {
        ServiceSpec spec = service.getSpec();
        String image = spec.getTaskTemplate() == null || spec.getTaskTemplate().getContainerSpec() == null ? null
                : spec.getTaskTemplate().getContainerSpec().getImage();
        Map<String, String> labels = spec.getLabels() == null ? Map.of() : spec.getLabels();
        int replicas = spec.getMode() == null || spec.getMode().getReplicated() == null ? 0
                : (int) spec.getMode().getReplicated().getReplicas();
        ServiceUpdateStatus status = service.getUpdateStatus();
        SwarmService.UpdateState state = status == null || status.getState() == null ? SwarmService.UpdateState.NONE
                : SwarmService.UpdateState.valueOf(status.getState().name());
        return new SwarmService(service.getId(), spec.getName(), service.getVersion().getIndex(), image, labels,
                replicas, state, status == null ? null : status.getMessage());
    }

    private static SwarmTask toTask(final Task task) {
        String image = task.getSpec() == null || task.getSpec().getContainerSpec() == null ? null
                : task.getSpec().getContainerSpec().getImage();
        var status = task.getStatus();
        String container = status == null || status.getContainerStatus() == null ? null
                : status.getContainerStatus().getContainerID();
        String message = status == null ? null : status.getErr() != null && !status.getErr().isEmpty()
                ? status.getErr() : status.getMessage();
        return new SwarmTask(task.getId(), task.getSlot() == null ? 0 : task.getSlot(), image,
                status == null || status.getState() == null ? "unknown" : status.getState().getValue(),
                task.getDesiredState() == null ? "unknown" : task.getDesiredState().getValue(), container, message);
    }

    private static String read(final InputStream body) throws IOException {
        return body == null ? "no detail" : new String(body.readNBytes(4096), StandardCharsets.UTF_8).strip();
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
}
