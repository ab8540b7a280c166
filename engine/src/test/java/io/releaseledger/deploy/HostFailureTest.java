package io.releaseledger.deploy;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.javaclient.DockerJavaEngine;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.loadbalancer.AdminState;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.loadbalancer.haproxy.HaproxyLoadBalancer;
import io.releaseledger.rollout.DeployTargets;
import io.releaseledger.rollout.DeploymentListener;
import io.releaseledger.rollout.Labels;
import io.releaseledger.rollout.LocalDeploymentExecutor;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two Docker hosts behind one HAProxy, the second reached over TCP through a forwarder that is cut after the first
 * batch succeeded: the host is lost in the middle of a deploy.
 */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY, Component.HAPROXY})
class HostFailureTest {
    private static final String REMOTE_ADDRESS = "127.0.0.2";

    @TempDir
    Path temp;

    private DeployFixture world;
    private DeployHaproxy haproxy;
    private SocketForwarder forwarder;
    private int port;

    @BeforeEach
    void start() throws Exception {
        world = new DeployFixture(temp.resolve("world"));
        port = world.stagingPorts.get(0);
        Map<String, String> servers = new LinkedHashMap<>();
        servers.put("local-1", "127.0.0.1:" + port);
        servers.put("remote-1", REMOTE_ADDRESS + ":" + port);
        java.nio.file.Files.createDirectories(temp.resolve("lb"));
        haproxy = new DeployHaproxy(temp.resolve("lb"), servers);
        forwarder = new SocketForwarder(DockerHost.DEFAULT_SOCKET);
    }

    @AfterEach
    void stop() {
        // start() may have failed part-way: close only what it opened
        if (forwarder != null) {
            forwarder.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        if (world != null) {
            world.close();
        }
    }

    private ReleaseDescriptor descriptor() {
        return DescriptorLoader.parse("schemaVersion: 1\n"
                + "application: " + TestApp.APPLICATION + "\n"
                + "image: " + TestApp.REPOSITORY + "\n"
                + "environments:\n"
                + "  - name: staging\n"
                + "    hosts:\n"
                + "      - unix:///var/run/docker.sock\n"
                + "      - {url: \"tcp://127.0.0.1:" + forwarder.port() + "\", name: remote, address: " + REMOTE_ADDRESS
                + "}\n"
                + "    container:\n"
                + "      network: host\n"
                + "      restart: \"no\"\n"
                + "      command: [sh, -c, \"exec httpd -f -p ${BIND:-127.0.0.1}:$PORT -h /www\"]\n"
                + "    instances: {count: 1, ports: [" + port + "]}\n"
                + "    strategy: {type: rolling, batchSize: 1}\n"
                + "    loadBalancer:\n"
                + "      runtimeApi: " + haproxy.adminSocket() + "\n"
                + "      backend: " + DeployHaproxy.BACKEND + "\n"
                + "      serverName: \"{host}-{instance}\"\n"
                + "      drainTimeout: 2s\n"
                + "    healthGate:\n"
                + "      timeout: 6s\n"
                + "      interval: 200ms\n"
                + "      checks:\n"
                + "        - http: /health\n", "two-host release-ledger.yaml");
    }

    /** The local engine as host "local"; the same engine through the forwarder, names prefixed, as "remote". */
    private DeployTargets targets() {
        ContainerEngine local = DockerJavaEngine.connect(DockerHost.localSocket());
        ContainerEngine remote = new SameDaemonHost(DockerJavaEngine.connect(DockerHost.tcp("127.0.0.1",
                forwarder.port())), "remote-", REMOTE_ADDRESS);
        LoadBalancer lb = HaproxyLoadBalancer.overUnixSocket(haproxy.adminSocket());
        return new DeployTargets() {
            @Override
            public ContainerEngine engine(final String host) {
                return "remote".equals(host) ? remote : local;
            }

            @Override
            public LoadBalancer loadBalancer() {
                return lb;
            }

            @Override
            public void close() {
                local.close();
                remote.close();
                lb.close();
            }
        };
    }

    private DeployCommand deploy(final DeployTargets targets, final String version, final DeploymentListener listener) {
        TestApp.digest(version);
        LocalDeploymentExecutor executor = new LocalDeploymentExecutor(descriptor(), world.registry)
                .setTargets(targets).setMessages(world.messages).setStopTimeout(Duration.ofSeconds(1))
                .setListener(listener);
        return new DeployCommand(descriptor(), "staging", version, world.ledger, executor)
                .setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN).setMessages(world.messages)
                .setLockTimeout(Duration.ZERO);
    }

    private String versionAt(final String address) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + address + ":" + port
                            + "/version")).timeout(Duration.ofSeconds(3)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body().strip();
        } catch (Exception e) {
            return "unreachable: " + e.getMessage();
        }
    }

    @Test
    void shouldRestoreTheFirstHostAndPutEveryServerBackWhenTheSecondHostIsLostMidDeploy() {
        try (DeployTargets targets = targets()) {
            deploy(targets, TestApp.V1, new DeploymentListener() { }).call();
            haproxy.awaitAllServing();
            assertThat(versionAt("127.0.0.1")).isEqualTo(TestApp.V1);
            assertThat(versionAt(REMOTE_ADDRESS)).isEqualTo(TestApp.V1);

            DeploymentListener cutAfterFirstBatch = new DeploymentListener() {
                @Override
                public void batchStarted(final DeploymentPlan plan, final int batch, final int total) {
                    if (batch == 2) {
                        forwarder.close();
                    }
                }
            };
            assertThatThrownBy(() -> deploy(targets, TestApp.V2, cutAfterFirstBatch).call())
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("remote/" + TestApp.APPLICATION + "-staging-1 (" + REMOTE_ADDRESS + ":" + port)
                    .hasMessageContaining("The previous release was restored on 1 instance and every server is back");
        }

        assertThat(versionAt("127.0.0.1")).as("the first host is back on the old release").isEqualTo(TestApp.V1);
        assertThat(world.container("staging", 1).getLabels()).containsEntry(Labels.VERSION, TestApp.V1);
        assertThat(versionAt(REMOTE_ADDRESS)).as("the lost host was never changed").isEqualTo(TestApp.V1);
        List<ServerState> servers = haproxy.servers();
        assertThat(servers).hasSize(2).allMatch(server -> server.getAdminState() == AdminState.READY);
        haproxy.awaitAllServing();
        assertThat(world.eventTypes("staging")).endsWith(EventTypes.DEPLOYMENT_STARTED, EventTypes.CHECK_RECORDED,
                EventTypes.DEPLOYMENT_FAILED, EventTypes.RELEASE_ROLLED_BACK, EventTypes.ENVIRONMENT_UNLOCKED);
        assertThat((String) world.events("staging", EventTypes.DEPLOYMENT_FAILED).get(0).get("reason"))
                .startsWith("remote/");
        assertThat(world.events("staging", EventTypes.RELEASE_ROLLED_BACK).get(0)).containsEntry("automatic", true)
                .containsEntry("from", TestApp.V2).containsEntry("to", TestApp.V1);
        assertThat(world.current("staging")).containsEntry("version", TestApp.V1);
        assertThat(world.ledger.verify().isIntact()).isTrue();
    }
}
