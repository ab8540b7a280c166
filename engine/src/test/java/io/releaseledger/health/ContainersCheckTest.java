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
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.testing.TestImages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The smoke run's container check across hosts, against real containers of the busybox test image. */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY})
class ContainersCheckTest {
    private static final String TEST_LABEL = "io.releaseledger.test";
    private static final String RUN_LABEL = "io.releaseledger.test.run";
    private static final String OTHER_DIGEST = "sha256:" + "0".repeat(64);

    private static String name;
    private static String digest;

    private ContainerEngine engine;
    private String run;

    @BeforeAll
    static void pushTheTestImage() {
        name = Component.registryAddress() + "/release-ledger-test/smoke-" + UUID.randomUUID().toString().substring(0, 8);
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
    void shouldPassRunningContainersOfTheExpectedImageOnEveryHost() {
        start(List.of("sleep", "60"));

        CheckResult result = new ContainersCheck(Map.of("docker-1", engine), Map.of(RUN_LABEL, run))
                .setExpectedDigest(digest).run(new CheckTarget("127.0.0.1", 0, null, null));
        CheckResult other = new ContainersCheck(Map.of("docker-1", engine), Map.of(RUN_LABEL, run))
                .setExpectedDigest(OTHER_DIGEST).run(new CheckTarget("127.0.0.1", 0, null, null));

        assertThat(result.isPassed()).as(result.getDetail()).isTrue();
        assertThat(result.getDetail()).startsWith("1 container running " + digest.substring(0, 19) + "…").endsWith("on 1 host");
        assertThat(result.getTarget()).isEqualTo("docker-1");
        assertThat(other.isPassed()).isFalse();
        assertThat(other.getDetail()).contains("expected sha256:000000000000…");
    }

    @Test
    void shouldFailAnExitedContainerAndAHostWithout() throws InterruptedException {
        String id = start(List.of("sh", "-c", "exit 3"));
        for (int i = 0; i < 100 && engine.inspect(id).isRunning(); i++) {
            Thread.sleep(50);
        }
        Map<String, ContainerEngine> hosts = new LinkedHashMap<>();
        hosts.put("docker-1", engine);

        CheckResult exited = new ContainersCheck(hosts, Map.of(RUN_LABEL, run)).run(null);
        CheckResult none = new ContainersCheck(hosts, Map.of(RUN_LABEL, "no-such-run")).run(null);

        assertThat(exited.isPassed()).isFalse();
        assertThat(exited.getDetail()).startsWith("docker-1: ").endsWith("is exited, exit code 3");
        assertThat(none.getDetail()).startsWith("docker-1: no container labelled");
    }

    private String start(final List<String> command) {
        String id = engine.create(new ContainerRequest("rl-smoke-" + UUID.randomUUID().toString().substring(0, 12),
                name + "@" + digest).setNetworkMode(ContainerRequest.HOST_NETWORK).setCommand(command)
                .setRestartPolicy(RestartPolicy.no()).setLabels(Map.of(TEST_LABEL, "true", RUN_LABEL, run)));
        engine.start(id);
        return id;
    }
}
