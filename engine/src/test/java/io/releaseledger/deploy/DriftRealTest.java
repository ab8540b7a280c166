package io.releaseledger.deploy;

import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.loadbalancer.haproxy.HaproxyLoadBalancer;
import io.releaseledger.registry.DockerCli;
import io.releaseledger.rollout.Labels;
import io.releaseledger.rollout.LocalDriftExecutor;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift against real Docker, the local registry and HAProxy: staging deployed by the engine, then changed by hand as
 * an operator would (a container replaced with another image, one stopped, one added with the environment's labels,
 * a server left in maintenance, the registry tag moved).
 */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY, Component.HAPROXY})
class DriftRealTest {
    /** Not the other deploy tests' application: their fixtures remove its containers when they start. */
    private static final String APPLICATION = "rltest-drift";

    @TempDir
    Path temp;

    private DeployFixture world;

    @BeforeEach
    void startWorld() throws Exception {
        world = new DeployFixture(temp, APPLICATION);
        world.stagingExtra = "    registryTags: {environment: true}\n";
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitAllServing();
    }

    @AfterEach
    void removeWorld() {
        world.close();
    }

    private DriftReport drift() {
        return new DriftCommand(world.descriptor(), "staging", world.ledger,
                new LocalDriftExecutor(world.descriptor(), world.registry)).setActor(DeployFixture.ALICE)
                .setOrigin(DeployFixture.ORIGIN).setMessages(world.messages).call();
    }

    private String instance(final int number) {
        return APPLICATION + "-staging-" + number;
    }

    private String server(final int number) {
        EnvironmentSpec staging = world.descriptor().getEnvironment("staging").orElseThrow();
        return staging.getLoadBalancer().serverName("staging", staging.getHosts().get(0), number);
    }

    @Test
    void shouldFindNoDriftInWhatTheDeployLeft() {
        DriftReport report = drift();

        assertThat(report.getFindings()).isEmpty();
        assertThat(report.isComplete()).isTrue();
        assertThat(report.summary()).contains("3 containers running 1.0.0", "3 servers READY/UP",
                "registry tag staging: " + TestApp.digest(TestApp.V1).substring(0, 19));
        assertThat(world.events("staging", EventTypes.DRIFT_CHECKED)).hasSize(1);
    }

    @Test
    void shouldFindEveryChangeMadeByHand() throws Exception {
        String host = world.descriptor().getEnvironment("staging").orElseThrow().getHosts().get(0).getName();
        // instance 1 replaced by hand with the other release's image, its labels copied
        ContainerState first = world.container("staging", 1);
        String other = TestApp.REPOSITORY + "@" + TestApp.digest(TestApp.V2);
        world.docker.pull(other, null);
        world.docker.remove(first.getId());
        world.docker.start(world.docker.create(new ContainerRequest(instance(1), other).setLabels(first.getLabels())
                .setNetworkMode(ContainerRequest.HOST_NETWORK)
                .setEnvironment(Map.of("PORT", String.valueOf(world.stagingPorts.get(0))))));
        // instance 2 stopped
        world.docker.stop(instance(2), Duration.ofSeconds(1));
        // a container started by hand with the environment's labels
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.APPLICATION, APPLICATION);
        labels.put(Labels.ENVIRONMENT, "staging");
        labels.put(Labels.VERSION, TestApp.V1);
        world.docker.create(new ContainerRequest(APPLICATION + "-staging-debug",
                TestApp.REPOSITORY + "@" + TestApp.digest(TestApp.V1)).setLabels(labels));
        // server 3 left in maintenance
        try (HaproxyLoadBalancer lb = HaproxyLoadBalancer.overUnixSocket(world.haproxy.adminSocket())) {
            lb.maintenance(DeployHaproxy.BACKEND, server(3));
        }

        DriftReport report = drift();

        List<String> found = report.getFindings().stream().map(f -> f.getKind() + " " + f.getSubject()).toList();
        assertThat(found).contains("image " + host + "/" + instance(1), "stopped " + host + "/" + instance(2),
                "unrecorded " + host + "/" + APPLICATION + "-staging-debug",
                "server " + DeployHaproxy.BACKEND + "/" + server(3));
        assertThat(report.getFindings()).filteredOn(f -> f.getKind().equals(DriftFinding.IMAGE)).singleElement()
                .satisfies(f -> assertThat(f.getActual()).contains(TestApp.digest(TestApp.V2).substring(0, 19)));
        // The stopped instance's server may be reported DOWN too, once HAProxy's checks noticed: not asserted.
        assertThat(report.getFindings()).filteredOn(f -> f.getSubject().endsWith("/" + server(3))).singleElement()
                .satisfies(f -> assertThat(f.getActual()).startsWith("MAINT/"));
        assertThat(world.events("staging", EventTypes.DRIFT_DETECTED)).singleElement()
                .satisfies(data -> assertThat(data.get("findingCount")).isEqualTo((long) report.getFindings().size()));
    }

    /** Replaces an instance by hand with {@code docker run} of a tag, the deploy's labels copied. */
    private void runFromTag(final int number, final String version) {
        ContainerState old = world.container("staging", number);
        String tag = TestApp.REPOSITORY + ":" + version;
        DockerCli.check("pull", tag);
        world.docker.remove(old.getId());
        List<String> command = new ArrayList<>(List.of("run", "-d", "--name", instance(number), "--network", "host",
                "-e", "PORT=" + world.stagingPorts.get(number - 1)));
        old.getLabels().forEach((key, value) -> command.addAll(List.of("--label", key + "=" + value)));
        command.add(tag);
        DockerCli.check(command.toArray(String[]::new));
        // HAProxy sees the new container only at its next health check: until then the server is rightly DOWN
        world.haproxy.awaitAllServing();
    }

    @Test
    void shouldTellAContainerCreatedFromATagByTheDigestsItsImageWasPulledAs() {
        String host = world.descriptor().getEnvironment("staging").orElseThrow().getHosts().get(0).getName();
        try {
            runFromTag(1, TestApp.V1);
            assertThat(world.container("staging", 1).getImageDigest()).isEmpty();

            assertThat(drift().getFindings()).isEmpty();

            runFromTag(2, TestApp.V2);

            assertThat(drift().getFindings()).singleElement().satisfies(f -> {
                assertThat(f.getKind() + " " + f.getSubject()).isEqualTo("image " + host + "/" + instance(2));
                assertThat(f.getActual()).isEqualTo("runs " + TestApp.REPOSITORY + ":" + TestApp.V2 + " ("
                        + TestApp.digest(TestApp.V2).substring(0, 19) + "…)");
            });
        } finally {
            // the tags go with the containers that use them; the images stay, known by their digests
            world.containers().forEach(c -> world.docker.remove(c.getId()));
            DockerCli.run("rmi", TestApp.REPOSITORY + ":" + TestApp.V1, TestApp.REPOSITORY + ":" + TestApp.V2);
        }
    }

    @Test
    void shouldFindTheEnvironmentsRegistryTagMovedByHand() {
        world.registry.tag("rltest/deploy-app", TestApp.digest(TestApp.V2), "staging");

        DriftReport report = drift();

        assertThat(report.getFindings()).singleElement().satisfies(f -> {
            assertThat(f.getKind()).isEqualTo(DriftFinding.REGISTRY_TAG);
            assertThat(f.getActual()).isEqualTo("points at " + TestApp.digest(TestApp.V2).substring(0, 19) + "…");
        });
    }
}
