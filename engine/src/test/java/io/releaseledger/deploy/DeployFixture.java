package io.releaseledger.deploy;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.javaclient.DockerJavaEngine;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.report.Messages;
import io.releaseledger.rollout.Labels;
import io.releaseledger.rollout.LocalDeploymentExecutor;
import io.releaseledger.testing.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One test's world: a real HAProxy in front of staging's three instances (host networking, 127.0.0.1), production
 * with one instance and no load balancer, a ledger in a temporary directory, the local registry, and the local
 * Docker engine. {@link #close()} removes every container of the test application.
 */
final class DeployFixture implements AutoCloseable {
    static final Actor ALICE = new Actor("alice", "Alice Example");
    static final Origin ORIGIN = Origin.cli("alice", "test");

    final List<Integer> stagingPorts = new ArrayList<>();
    final int productionPort;
    final DeployHaproxy haproxy;
    final Ledger ledger;
    final RegistryClient registry = new RegistryClient("127.0.0.1:5000");
    final Messages messages = new Messages();
    final ContainerEngine docker = DockerJavaEngine.connect(DockerHost.localSocket());
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<LocalDeploymentExecutor> executors = new ArrayList<>();
    String strategy = "{type: rolling, batchSize: 1}";
    String gateTimeout = "6s";
    /** Extra YAML lines of staging (indented by four spaces), e.g. registry tags. */
    String stagingExtra = "";
    /** An extra production host, as YAML flow mapping, e.g. one that is down; {@code null} for none. */
    String extraProductionHost;
    /** The container env of production, as a YAML flow mapping. */
    String productionEnv = "{GREETING: hello}";

    /** The application of the descriptor, ledger and container names. */
    final String application;

    DeployFixture(final Path temp) throws IOException {
        this(temp, TestApp.APPLICATION);
    }

    /** A world of its own application, whose containers the fixtures of other applications leave alone. */
    DeployFixture(final Path temp, final String application) throws IOException {
        this.application = application;
        java.nio.file.Files.createDirectories(temp);
        removeContainers();
        stagingPorts.addAll(FreePorts.next(3));
        productionPort = FreePorts.next();
        haproxy = new DeployHaproxy(temp, stagingPorts);
        ledger = Ledger.open(temp.resolve("ledger"), application);
    }

    ReleaseDescriptor descriptor() {
        return DescriptorLoader.parse(descriptorYaml(), "test release-ledger.yaml");
    }

    String descriptorYaml() {
        return "schemaVersion: 1\n"
                + "application: " + application + "\n"
                + "image: " + TestApp.REPOSITORY + "\n"
                + "environments:\n"
                + "  - name: staging\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    container: {network: host, restart: \"no\"}\n"
                + "    instances: {count: 3, ports: [" + stagingPorts.get(0) + ", " + stagingPorts.get(1) + ", "
                + stagingPorts.get(2) + "]}\n"
                + "    strategy: " + strategy + "\n"
                + "    loadBalancer:\n"
                + "      runtimeApi: " + haproxy.adminSocket() + "\n"
                + "      backend: " + DeployHaproxy.BACKEND + "\n"
                + "      serverName: \"{host}-{instance}\"\n"
                + "      drainTimeout: 5s\n"
                + "    healthGate:\n"
                + "      timeout: " + gateTimeout + "\n"
                + "      interval: 200ms\n"
                + "      checks:\n"
                + "        - http: /health\n"
                + "        - container: {stableFor: 500ms}\n"
                + stagingExtra
                + "  - name: production\n"
                + "    promotesFrom: staging\n"
                + "    requires: [deployed, checksPassed]\n"
                + "    hosts: [unix:///var/run/docker.sock" + (extraProductionHost == null ? "" : ", " + extraProductionHost)
                + "]\n"
                + "    container: {network: host, restart: \"no\", env: " + productionEnv + "}\n"
                + "    instances: {count: 1, ports: [" + productionPort + "]}\n"
                + "    strategy: recreate\n"
                + "    healthGate:\n"
                + "      timeout: " + gateTimeout + "\n"
                + "      interval: 200ms\n"
                + "      checks:\n"
                + "        - http: /health\n"
                + "        - container: {stableFor: 500ms}\n";
    }

    DeployCommand deploy(final String environment, final String version) {
        TestApp.digest(version);
        return new DeployCommand(descriptor(), environment, version, ledger, executor()).setActor(ALICE)
                .setOrigin(ORIGIN).setMessages(messages).setLockTimeout(Duration.ZERO);
    }

    /** The CLI's executor of the current descriptor; closed with the fixture. */
    LocalDeploymentExecutor executor() {
        LocalDeploymentExecutor executor = new LocalDeploymentExecutor(descriptor(), registry).setMessages(messages)
                .setStopTimeout(Duration.ofSeconds(1));
        executors.add(executor);
        return executor;
    }

    /** What {@code GET /version} on 127.0.0.1:port answers, or the failure. */
    String versionAt(final int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/version")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body().strip() : "status " + response.statusCode();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<String> stagingVersions() {
        List<String> versions = new ArrayList<>();
        stagingPorts.forEach(port -> versions.add(versionAt(port)));
        return versions;
    }

    /** The container of one instance, as Docker reports it. */
    ContainerState container(final String environment, final int instance) {
        return docker.inspect(application + "-" + environment + "-" + instance);
    }

    List<ContainerSummary> containers() {
        return docker.findByLabels(Map.of(Labels.APPLICATION, application));
    }

    /** The types of the ledger's events of one environment, oldest first. */
    List<String> eventTypes(final String environment) {
        List<String> types = new ArrayList<>();
        ledger.events(environment).forEach(event -> types.add(event.getType()));
        return types;
    }

    List<Map<String, Object>> events(final String environment, final String type) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (LedgerEvent event : ledger.events(environment)) {
            if (type.equals(event.getType())) {
                found.add(event.getData());
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> current(final String environment) {
        for (Object env : (List<Object>) ledger.view().state().get("environments")) {
            Map<String, Object> json = (Map<String, Object>) env;
            if (environment.equals(json.get("name"))) {
                return (Map<String, Object>) json.get("current");
            }
        }
        return null;
    }

    private void removeContainers() {
        for (ContainerSummary summary : containers()) {
            docker.remove(summary.getId());
        }
    }

    @Override
    public void close() {
        try {
            executors.forEach(LocalDeploymentExecutor::close);
            removeContainers();
        } finally {
            docker.close();
            haproxy.close();
            ledger.close();
        }
    }
}
