package io.releaseledger.deploy;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.registry.DockerCli;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.report.Messages;
import io.releaseledger.rollout.LocalDeploymentExecutor;
import io.releaseledger.testing.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One test's swarm world: staging as a Swarm service of two replicas (host networking, a port per slot) behind a
 * real HAProxy that retries a refused connection on the other server, production as a service of two replicas
 * without a load balancer, a ledger in a temporary directory, the local registry and the local single-node swarm.
 * {@link #close()} removes both services.
 */
final class SwarmFixture implements AutoCloseable {
    static final String APPLICATION = "rltest-swarm";
    static final String STAGING_SERVICE = APPLICATION + "-staging";
    static final String PRODUCTION_SERVICE = APPLICATION + "-production";

    final List<Integer> stagingPorts = new ArrayList<>();
    final List<Integer> productionPorts = new ArrayList<>();
    /** Staging's second port set (each port + the offset), empty with one set. */
    final List<Integer> stagingSecondPorts = new ArrayList<>();
    final DeployHaproxy haproxy;
    final Ledger ledger;
    final RegistryClient registry = new RegistryClient("127.0.0.1:5000");
    final Messages messages = new Messages();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<LocalDeploymentExecutor> executors = new ArrayList<>();
    /**
     * A command for staging's tasks that stops gracefully: on SIGTERM it fails {@code /health} (HAProxy takes the
     * server out after two checks, 100 ms apart), keeps answering for two seconds, then ends.
     */
    static final String GRACEFUL = "[sh, -c, \"trap 'rm -f /www/health; sleep 2; exit 0' TERM; "
            + "httpd -f -p 127.0.0.1:$PORT -h /www & wait\"]";
    /** Staging's container command as YAML, {@code null}: the image's (which ends at once on SIGTERM). */
    String stagingCommand;
    /** Staging's swarm section, as a YAML flow mapping. */
    String stagingSwarm = "{timeout: 90s, update: {monitor: 2s}, rollback: {monitor: 1s}}";
    /** More of staging's YAML (indented by four), e.g. its smokeChecks. */
    String stagingExtra = "";

    SwarmFixture(final Path temp) throws IOException {
        this(temp, 0);
    }

    /**
     * @param portOffset staging's {@code swarm.portOffset}: when not 0, staging's second port set is free too and
     *                   HAProxy has its servers {@code local-1-b} and {@code local-2-b}
     */
    SwarmFixture(final Path temp, final int portOffset) throws IOException {
        this(temp, portOffset, 2);
    }

    /** @param stagingReplicas staging's replicas (ports and HAProxy servers {@code local-1} …), production has two */
    SwarmFixture(final Path temp, final int portOffset, final int stagingReplicas) throws IOException {
        Files.createDirectories(temp);
        removeServices();
        for (int slot = 1; slot <= stagingReplicas; slot++) {
            stagingPorts.add(portOffset == 0 ? FreePorts.next() : FreePorts.nextWithOffsets(portOffset));
        }
        productionPorts.addAll(FreePorts.next(2));
        Map<String, String> servers = new LinkedHashMap<>();
        for (int slot = 1; slot <= stagingReplicas; slot++) {
            servers.put("local-" + slot, "127.0.0.1:" + stagingPorts.get(slot - 1));
        }
        if (portOffset > 0) {
            for (int slot = 1; slot <= stagingReplicas; slot++) {
                stagingSecondPorts.add(stagingPorts.get(slot - 1) + portOffset);
                servers.put("local-" + slot + "-b", "127.0.0.1:" + stagingSecondPorts.get(slot - 1));
            }
        }
        haproxy = new DeployHaproxy(temp, servers, true);
        ledger = Ledger.open(temp.resolve("ledger"), APPLICATION);
    }

    /** {@code docker service inspect}'s label of the port set the spec runs on, empty without one. */
    static String portSet(final String service) {
        return DockerCli.check("service", "inspect", "--format",
                "{{index .Spec.Labels \"io.releaseledger.port-set\"}}", service).strip();
    }

    ReleaseDescriptor descriptor() {
        return DescriptorLoader.parse(descriptorYaml(), "test swarm release-ledger.yaml");
    }

    String descriptorYaml() {
        // Swarm waits out the gate's worst case after each replaced slot (5 s, one round of 1 s + 1 s, and 1 s)
        String gate = "    healthGate:\n"
                + "      timeout: 5s\n"
                + "      interval: 200ms\n"
                + "      checks:\n"
                + "        - http: {url: /health, timeout: 1s}\n"
                + "        - container: {stableFor: 500ms, timeout: 1s}\n";
        return "schemaVersion: 1\n"
                + "application: " + APPLICATION + "\n"
                + "image: " + TestApp.REPOSITORY + "\n"
                + "environments:\n"
                + "  - name: staging\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    container: {network: host, stopTimeout: 5s"
                + (stagingCommand == null ? "" : ", command: " + stagingCommand) + "}\n"
                + "    instances: {ports: " + stagingPorts + "}\n"
                + "    swarm: " + stagingSwarm + "\n"
                + "    loadBalancer:\n"
                + "      runtimeApi: " + haproxy.adminSocket() + "\n"
                + "      backend: " + DeployHaproxy.BACKEND + "\n"
                + "      serverName: \"local-{instance}\"\n"
                + gate
                + stagingExtra
                + "  - name: production\n"
                + "    promotesFrom: staging\n"
                + "    requires: [deployed, checksPassed]\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    container: {network: host, stopTimeout: 2s}\n"
                + "    instances: {ports: [" + productionPorts.get(0) + ", " + productionPorts.get(1) + "]}\n"
                + "    swarm: {timeout: 90s, update: {monitor: 1s}}\n"
                + gate;
    }

    DeployCommand deploy(final String environment, final String version) {
        TestApp.digest(version);
        return new DeployCommand(descriptor(), environment, version, ledger, executor())
                .setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN).setMessages(messages)
                .setLockTimeout(Duration.ZERO);
    }

    PromoteCommand promote() {
        return new PromoteCommand(descriptor(), "production", ledger, executor()).setActor(DeployFixture.ALICE)
                .setOrigin(DeployFixture.ORIGIN).setMessages(messages)
                .setDeployOptions(deploy -> deploy.setLockTimeout(Duration.ZERO));
    }

    RollbackCommand rollback(final String environment, final String reason) {
        return new RollbackCommand(descriptor(), environment, reason, ledger, executor())
                .setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN).setMessages(messages)
                .setDeployOptions(deploy -> deploy.setLockTimeout(Duration.ZERO));
    }

    /** The CLI's executor of the current descriptor; closed with the fixture. */
    LocalDeploymentExecutor executor() {
        LocalDeploymentExecutor executor = new LocalDeploymentExecutor(descriptor(), registry).setMessages(messages);
        executors.add(executor);
        return executor;
    }

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

    List<String> versions(final List<Integer> ports) {
        List<String> versions = new ArrayList<>();
        ports.forEach(port -> versions.add(versionAt(port)));
        return versions;
    }

    /** The image of the service's spec, as {@code docker service inspect} shows it. */
    static String serviceImage(final String service) {
        return DockerCli.check("service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}",
                service).strip();
    }

    /**
     * The slots ({@code service.N}) that ever had a task of {@code image}, from {@code docker service ps}: the task
     * history Swarm keeps (5 tasks per slot by default).
     */
    static java.util.Set<String> slotsThatRan(final String service, final String image) {
        java.util.Set<String> slots = new java.util.TreeSet<>();
        for (String line : DockerCli.check("service", "ps", "--no-trunc", "--format", "{{.Name}} {{.Image}}", service)
                .split("\n")) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2 && parts[1].equals(image)) {
                slots.add(parts[0]);
            }
        }
        return slots;
    }

    /** {@code docker service inspect}'s update state, empty when the service was never updated. */
    static String updateState(final String service) {
        return DockerCli.check("service", "inspect", "--format",
                "{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}", service).strip();
    }

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

    private static void removeServices() {
        DockerCli.run("service", "rm", STAGING_SERVICE, PRODUCTION_SERVICE);
    }

    @Override
    public void close() {
        try {
            executors.forEach(LocalDeploymentExecutor::close);
            removeServices();
        } finally {
            haproxy.close();
            ledger.close();
        }
    }
}
