package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.RestartPolicy;
import io.releaseledger.docker.javaclient.DockerJavaEngine;
import io.releaseledger.registry.DockerCli;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.testing.TestImages;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ContainerCheck} against the real Docker engine, with the busybox test image pushed to the local registry so
 * that containers run it by digest as a deploy does. Every container is labelled and removed.
 */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY})
class ContainerCheckTest {
    private static final String TEST_LABEL = "io.releaseledger.test";
    private static final String RUN_LABEL = "io.releaseledger.test.run";
    private static final String OTHER_DIGEST = "sha256:" + "0".repeat(64);

    private static String name;
    private static String digest;

    private ContainerEngine engine;
    private String run;

    @BeforeAll
    static void pushTheTestImage() {
        name = Component.registryAddress() + "/release-ledger-test/health-" + UUID.randomUUID().toString().substring(0, 8);
        digest = DockerCli.push(TestImages.busyboxHttpd(), name, "1.0.0");
    }

    @AfterAll
    static void dropTheImageReferences() {
        if (name != null) {
            DockerCli.run("rmi", name + ":1.0.0");
            DockerCli.run("rmi", name + "@" + digest);
        }
    }

    @BeforeEach
    void connect() {
        engine = DockerJavaEngine.connect(DockerHost.localSocket());
        run = UUID.randomUUID().toString();
    }

    @AfterEach
    void removeEveryContainerOfThisTest() {
        try {
            for (ContainerSummary container : engine.findByLabels(Map.of(RUN_LABEL, run))) {
                engine.remove(container.getId());
            }
        } finally {
            engine.close();
        }
    }

    @Test
    void shouldPassARunningContainerWithTheExpectedDigest() throws IOException {
        int port = FreePorts.next();
        String id = start(List.of("httpd", "-f", "-p", "127.0.0.1:" + port, "-h", "/www"), RestartPolicy.no());
        HealthGate gate = new HealthGate(List.of(
                new ContainerCheck(engine).setStableFor(Duration.ofMillis(300)), new HttpCheck("/index.html")),
                Duration.ofSeconds(20), Duration.ofMillis(100));

        GateResult result = gate.await(new CheckTarget("127.0.0.1", port, id, digest));

        assertThat(result.isPassed()).as(result.describe()).isTrue();
        assertThat(result.getAttempts()).isGreaterThan(1); // stableFor needs a second look
        assertThat(result.getResults().get(0).getDetail()).contains("is running " + digest.substring(0, 19))
                .contains("no restart for");
    }

    @Test
    void shouldFailFastOnAnotherDigest() throws IOException {
        String id = start(List.of("httpd", "-f", "-p", "127.0.0.1:" + FreePorts.next(), "-h", "/www"),
                RestartPolicy.no());
        HealthGate gate = new HealthGate(List.of(new ContainerCheck(engine).setStableFor(Duration.ZERO)),
                Duration.ofSeconds(30), Duration.ofMillis(100));

        GateResult result = gate.await(new CheckTarget("127.0.0.1", 0, id, OTHER_DIGEST));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.describe()).startsWith("container failed: ")
                .contains("runs " + name + "@" + digest).contains("expected digest sha256:000000000000…")
                .contains("stopped after 1 attempt");
    }

    @Test
    void shouldFailFastWhenTheContainerExits() {
        String id = start(List.of("sh", "-c", "sleep 0.3; exit 3"), RestartPolicy.no());
        HealthGate gate = new HealthGate(List.of(new ContainerCheck(engine).setStableFor(Duration.ofSeconds(10))),
                Duration.ofSeconds(60), Duration.ofMillis(100));

        GateResult result = gate.await(new CheckTarget("127.0.0.1", 0, id, digest));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getWaited()).isLessThan(Duration.ofSeconds(10));
        assertThat(result.getResults()).singleElement().satisfies(r -> {
            assertThat(r.isFatal()).isTrue();
            assertThat(r.getDetail()).endsWith(" is exited, exit code 3");
        });
    }

    @Test
    void shouldFailFastWhenTheContainerRestarts() {
        String id = start(List.of("sh", "-c", "sleep 0.5; exit 1"), RestartPolicy.always());
        HealthGate gate = new HealthGate(List.of(new ContainerCheck(engine).setStableFor(Duration.ofSeconds(30))),
                Duration.ofSeconds(60), Duration.ofMillis(100));

        GateResult result = gate.await(new CheckTarget("127.0.0.1", 0, id, digest));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getWaited()).isLessThan(Duration.ofSeconds(20));
        assertThat(result.getResults().get(0).getDetail()).containsAnyOf("is restarting", "restarted once");
    }

    private String start(final List<String> command, final RestartPolicy restart) {
        String id = engine.create(new ContainerRequest("rl-health-" + UUID.randomUUID().toString().substring(0, 12),
                name + "@" + digest).setNetworkMode(ContainerRequest.HOST_NETWORK).setCommand(command)
                .setRestartPolicy(restart).setLabels(Map.of(TEST_LABEL, "true", RUN_LABEL, run)));
        engine.start(id);
        return id;
    }
}
