package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.javaclient.DockerJavaEngine;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.report.Message;
import io.releaseledger.rollout.DeployTargets;
import io.releaseledger.rollout.EnvironmentTargets;
import io.releaseledger.rollout.Labels;
import io.releaseledger.rollout.LocalDeploymentExecutor;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.testing.TestCertificates;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An environment of two real, separate Docker engines: the one on the socket, and the TLS-only one
 * ({@link Component#DOCKER_TLS}) reached with a client certificate. Both share this machine's loopback, so the
 * TLS host's container binds 127.0.0.2 (its {@code address}); nothing else is faked.
 */
@RequiresRealComponent({Component.DOCKER, Component.DOCKER_TLS, Component.REGISTRY, Component.HAPROXY})
class TlsHostsDeployTest {
    private static final String APPLICATION = "rltest-tls";
    private static final String TLS_ADDRESS = "127.0.0.2";
    private static final String ENVIRONMENT = "fleet";

    @TempDir
    Path temp;

    private DeployFixture world;
    private Path client;
    private String keyLine;
    private ContainerEngine tlsEngine;

    @BeforeEach
    void start() throws IOException {
        world = new DeployFixture(temp.resolve("world"), APPLICATION);
        client = TestCertificates.engineClient(temp.resolve("client"));
        keyLine = Files.readAllLines(client.resolve("key.pem")).get(1); // a line of the key's body
        tlsEngine = DockerJavaEngine.connect(DockerHost.tls("127.0.0.1", Component.dockerTlsPort(), client));
        removeTlsContainers();
    }

    @AfterEach
    void stop() {
        if (tlsEngine != null) {
            removeTlsContainers();
            tlsEngine.close();
        }
        if (world != null) {
            world.close();
        }
    }

    private void removeTlsContainers() {
        tlsEngine.findByLabels(Map.of(Labels.APPLICATION, APPLICATION)).forEach(c -> tlsEngine.remove(c.getId()));
    }

    private static String files(final Path directory) {
        return "{ca: " + directory.resolve("ca.pem") + ", cert: " + directory.resolve("cert.pem") + ", key: "
                + directory.resolve("key.pem") + "}";
    }

    /** The socket's engine as host {@code local}, the TLS engine as {@code tls} with {@code tls}, and more hosts. */
    private String descriptorYaml(final String tls, final String... moreHosts) {
        StringBuilder hosts = new StringBuilder()
                .append("      - unix:///var/run/docker.sock\n")
                .append("      - {url: \"tcp://127.0.0.1:").append(Component.dockerTlsPort()).append("\", name: tls, ")
                .append("address: ").append(TLS_ADDRESS).append(", tls: ").append(tls).append("}\n");
        for (String host : moreHosts) {
            hosts.append("      - ").append(host).append('\n');
        }
        return "schemaVersion: 1\n"
                + "application: " + APPLICATION + "\n"
                + "image: " + TestApp.REPOSITORY + "\n"
                + "environments:\n"
                + "  - name: " + ENVIRONMENT + "\n"
                + "    hosts:\n" + hosts
                + "    container:\n"
                + "      network: host\n"
                + "      restart: \"no\"\n"
                + "      command: [sh, -c, \"exec httpd -f -p ${BIND:-127.0.0.1}:$PORT -h /www\"]\n"
                + "    instances: {count: 1, ports: [" + world.productionPort + "]}\n"
                + "    strategy: {type: rolling, batchSize: 1}\n"
                + "    healthGate:\n"
                + "      timeout: 6s\n"
                + "      interval: 200ms\n"
                + "      checks:\n"
                + "        - http: /health\n";
    }

    /** The descriptor's own targets; the TLS host's containers get {@code BIND} (their loopback address). */
    private static DeployTargets targets(final ReleaseDescriptor descriptor) {
        EnvironmentTargets real = new EnvironmentTargets(descriptor.getEnvironment(ENVIRONMENT).orElseThrow());
        Map<String, ContainerEngine> bound = new LinkedHashMap<>();
        return new DeployTargets() {
            @Override
            public synchronized ContainerEngine engine(final String host) {
                return "tls".equals(host)
                        ? bound.computeIfAbsent(host, name -> new SameDaemonHost(real.engine(name), "", TLS_ADDRESS))
                        : real.engine(host);
            }

            @Override
            public LoadBalancer loadBalancer() {
                return null;
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    private void deploy(final String yaml, final String version) {
        TestApp.digest(version);
        ReleaseDescriptor descriptor = DescriptorLoader.parse(yaml, "tls release-ledger.yaml");
        try (DeployTargets targets = targets(descriptor)) {
            LocalDeploymentExecutor executor = new LocalDeploymentExecutor(descriptor, world.registry)
                    .setTargets(targets).setMessages(world.messages).setStopTimeout(Duration.ofSeconds(1));
            new DeployCommand(descriptor, ENVIRONMENT, version, world.ledger, executor).setActor(DeployFixture.ALICE)
                    .setOrigin(DeployFixture.ORIGIN).setMessages(world.messages).setLockTimeout(Duration.ZERO).call();
        }
    }

    private String versionAt(final String address) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://" + address + ":" + world.productionPort + "/version")).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.body().strip();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private List<String> containerIds() {
        List<String> ids = new ArrayList<>();
        world.containers().forEach(c -> ids.add("local " + c.getId()));
        tlsEngine.findByLabels(Map.of(Labels.APPLICATION, APPLICATION)).forEach(c -> ids.add("tls " + c.getId()));
        return ids;
    }

    private void assertTheKeyIsNowhere(final String... more) throws IOException {
        String journal = Files.readString(world.ledger.getDirectory().resolve("events.jsonl"), StandardCharsets.UTF_8);
        assertThat(journal).doesNotContain(keyLine);
        assertThat(world.messages.getAll()).extracting(Message::getText).noneMatch(text -> text.contains(keyLine));
        assertThat(more).noneMatch(text -> text.contains(keyLine));
    }

    @Test
    void shouldDeployToTheSocketsEngineAndTheTlsEngine() throws IOException {
        deploy(descriptorYaml(files(client)), TestApp.V1);

        assertThat(versionAt("127.0.0.1")).isEqualTo(TestApp.V1);
        assertThat(versionAt(TLS_ADDRESS)).isEqualTo(TestApp.V1);
        List<ContainerSummary> onTls = tlsEngine.findByLabels(Map.of(Labels.APPLICATION, APPLICATION));
        assertThat(onTls).extracting(ContainerSummary::getName).containsExactly(APPLICATION + "-fleet-1");
        assertThat(world.containers()).extracting(ContainerSummary::getId).as("two engines, two containers")
                .hasSize(1).doesNotContainAnyElementsOf(onTls.stream().map(ContainerSummary::getId).toList());
        assertThat(world.eventTypes(ENVIRONMENT)).contains(EventTypes.DEPLOYMENT_SUCCEEDED);
        assertThat(world.current(ENVIRONMENT)).containsEntry("version", TestApp.V1);
        assertTheKeyIsNowhere();
    }

    @Test
    void shouldRefuseAClientCertificateTheEngineDoesNotTrustBeforeAnythingChanges() throws IOException {
        deploy(descriptorYaml(files(client)), TestApp.V1);
        List<String> before = containerIds();
        int started = world.events(ENVIRONMENT, EventTypes.DEPLOYMENT_STARTED).size();
        Path stranger = TestCertificates.strangerClient(temp.resolve("stranger"));
        String strangerKey = Files.readAllLines(stranger.resolve("key.pem")).get(1);

        assertThatThrownBy(() -> deploy(descriptorYaml(files(stranger)), TestApp.V2))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("A Docker host of fleet cannot be used (1 of 2): host tls (tcp://127.0.0.1:"
                        + Component.dockerTlsPort() + ")")
                .hasMessageContaining("refused the TLS handshake")
                .hasMessageContaining("check that " + stranger.resolve("cert.pem") + " was signed by that CA")
                .hasMessageEndingWith("Nothing was changed on any host.")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(strangerKey));

        assertThat(containerIds()).as("neither engine was touched").isEqualTo(before);
        assertThat(versionAt("127.0.0.1")).isEqualTo(TestApp.V1);
        assertThat(versionAt(TLS_ADDRESS)).isEqualTo(TestApp.V1);
        assertThat(world.events(ENVIRONMENT, EventTypes.DEPLOYMENT_STARTED)).hasSize(started);
        assertTheKeyIsNowhere();
        String journal = Files.readString(world.ledger.getDirectory().resolve("events.jsonl"), StandardCharsets.UTF_8);
        assertThat(journal).doesNotContain(strangerKey);
    }

    @Test
    void shouldReportEveryHostThatIsDownBeforeAnythingChanges() throws IOException {
        deploy(descriptorYaml(files(client)), TestApp.V1);
        List<String> before = containerIds();
        int started = world.events(ENVIRONMENT, EventTypes.DEPLOYMENT_STARTED).size();
        int closed = FreePorts.next();
        String down = "{url: \"tcp://127.0.0.1:" + closed + "\", name: down, address: 127.0.0.3, tls: " + files(client)
                + "}";

        assertThatThrownBy(() -> deploy(descriptorYaml(files(client), down), TestApp.V2))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("A Docker host of fleet cannot be used (1 of 3): host down (tcp://127.0.0.1:"
                        + closed + "): ")
                .hasMessageContaining("cannot reach the Docker engine at tcp://127.0.0.1:" + closed + " (TLS)")
                .hasMessageContaining("Check that dockerd runs and listens there")
                .hasMessageEndingWith("Nothing was changed on any host.");

        assertThat(containerIds()).as("neither engine was touched").isEqualTo(before);
        assertThat(versionAt("127.0.0.1")).isEqualTo(TestApp.V1);
        assertThat(versionAt(TLS_ADDRESS)).isEqualTo(TestApp.V1);
        assertThat(world.events(ENVIRONMENT, EventTypes.DEPLOYMENT_STARTED)).hasSize(started);
        assertThat(world.current(ENVIRONMENT)).containsEntry("version", TestApp.V1);
    }

    @Test
    void shouldDeployThroughTheAgentWithTheCertificateOfACredentialAndKeepTheKeyOutOfEverything() throws IOException {
        String yaml = descriptorYaml(files(client)).replace("      - unix:///var/run/docker.sock\n", "")
                .replace("tls: " + files(client), "tls: {credentialsId: fleet-tls}")
                .replace("address: " + TLS_ADDRESS, "address: 127.0.0.1");
        Map<String, String> agentEnvironment = new LinkedHashMap<>();
        agentEnvironment.put("RELEASE_LEDGER_CREDENTIAL_1_CA", Files.readString(client.resolve("ca.pem")));
        agentEnvironment.put("RELEASE_LEDGER_CREDENTIAL_1_CERT", Files.readString(client.resolve("cert.pem")));
        agentEnvironment.put("RELEASE_LEDGER_CREDENTIAL_1_KEY", Files.readString(client.resolve("key.pem")));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> pemDirectoriesBefore = pemDirectories(tmp);
        ProtocolExecutor agent = new ProtocolExecutor(yaml, temp, Map.of("fleet-tls",
                DeployProtocol.credential(DeployProtocol.KIND_DOCKER_TLS, "RELEASE_LEDGER_CREDENTIAL_1")),
                agentEnvironment);
        TestApp.digest(TestApp.V1);
        ReleaseDescriptor descriptor = DescriptorLoader.parse(yaml, "tls release-ledger.yaml");

        new DeployCommand(descriptor, ENVIRONMENT, TestApp.V1, world.ledger, agent).setActor(DeployFixture.ALICE)
                .setOrigin(DeployFixture.ORIGIN).setMessages(world.messages).setLockTimeout(Duration.ZERO).call();

        assertThat(versionAt("127.0.0.1")).isEqualTo(TestApp.V1);
        assertThat(tlsEngine.findByLabels(Map.of(Labels.APPLICATION, APPLICATION))).hasSize(1);
        assertThat(world.containers()).as("nothing on the socket's engine").isEmpty();
        assertThat(agent.live).isNotEmpty();
        assertTheKeyIsNowhere(String.join("\n", agent.live), String.join("\n", agent.wire));
        assertThat(pemDirectories(tmp)).as("the agent wrote no PEM files").isEqualTo(pemDirectoriesBefore);
    }

    private static List<Path> pemDirectories(final Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(path -> path.getFileName().toString().startsWith("release-ledger-tls-")).sorted()
                    .collect(Collectors.toList());
        }
    }
}
