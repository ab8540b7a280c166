package io.releaseledger.docker.javaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.RestartPolicy;
import io.releaseledger.registry.DockerCli;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.testing.TestImages;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DockerJavaEngine} against the real engine and registry; every container is labelled and removed. */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY})
class DockerJavaEngineTest {
    private static final String TEST_LABEL = "io.releaseledger.test";
    private static final String RUN_LABEL = "io.releaseledger.test.run";
    private static final String REGISTRY = Component.registryAddress();

    private static String name;
    private static String image;

    private ContainerEngine engine;
    private String run;

    @BeforeAll
    static void pushTheTestImage() {
        name = REGISTRY + "/release-ledger-test/engine-" + UUID.randomUUID().toString().substring(0, 8);
        image = name + "@" + DockerCli.push(TestImages.busyboxHttpd(), name, "1.0.0");
        // Drop the local references to the pushed repository, so that pulling is real.
        DockerCli.check("rmi", name + ":1.0.0");
        DockerCli.run("rmi", image);
    }

    @AfterAll
    static void dropThePulledReference() {
        if (image != null) {
            DockerCli.run("rmi", image);
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
    void shouldAnswerPingWithTheEngineVersion() {
        assertThat(engine.ping()).contains("API 1.");
    }

    @Test
    void shouldPullAnImageByDigest() {
        DockerCli.run("rmi", image); // another test may have pulled it already
        assertThat(repoDigests()).doesNotContain(image);

        engine.pull(image, null);

        assertThat(repoDigests()).contains(image);
        assertThat(engine.hasImage(image)).isTrue();
    }

    /** What the docker CLI lists as the test image's repository digests: a pull by digest adds one. */
    private static String repoDigests() {
        return DockerCli.check("image", "inspect", "--format", "{{json .RepoDigests}}", TestImages.busyboxHttpd());
    }

    @Test
    void shouldNameImageAndHostWhenTheDigestDoesNotExist() {
        String missing = name + "@sha256:" + "0".repeat(64);

        assertThatThrownBy(() -> engine.pull(missing, null))
                .isInstanceOf(ContainerEngineException.class)
                .hasMessageContaining("pulling " + missing + " on Docker host unix:///var/run/docker.sock failed")
                .hasMessageContaining("Check that the image exists in registry " + REGISTRY);
    }

    @Test
    void shouldRefuseToPullByTag() {
        assertThatThrownBy(() -> engine.pull(name + ":1.0.0", null)).hasMessageContaining("not pinned by digest");
    }

    @Test
    void shouldRunAServiceWithHostNetworkingAndFindItByLabels() throws Exception {
        engine.pull(image, null);
        int port = FreePorts.next();
        Instant before = Instant.now().minusSeconds(2);
        String id = engine.create(new ContainerRequest("rl-test-web-" + run, image)
                .setLabels(Map.of(TEST_LABEL, "true", RUN_LABEL, run, "io.releaseledger.application", "web"))
                .setEnvironment(Map.of("GREETING", "ready"))
                .setCommand(List.of("sh", "-c", "echo $GREETING; exec httpd -f -v -p 127.0.0.1:" + port + " -h /www"))
                .setRestartPolicy(RestartPolicy.unlessStopped()));

        engine.start(id);
        engine.start(id); // starting a running container does nothing

        assertThat(get("http://127.0.0.1:" + port + "/")).isEqualTo("release-ledger test image\n");
        ContainerState state = engine.inspect(id);
        assertThat(state.isRunning()).isTrue();
        assertThat(state.isRestarting()).isFalse();
        assertThat(state.getStatus()).isEqualTo("running");
        assertThat(state.getExitCode()).isEmpty();
        assertThat(state.getHealth()).isEmpty();
        assertThat(state.getName()).isEqualTo("rl-test-web-" + run);
        assertThat(state.getLabels()).containsEntry(RUN_LABEL, run).containsEntry("io.releaseledger.application", "web");
        assertThat(state.getImage()).isEqualTo(image);
        assertThat(state.getImageDigest()).contains(image.substring(image.indexOf('@') + 1));
        assertThat(state.getImageId()).startsWith("sha256:");
        assertThat(state.getStartedAt()).hasValueSatisfying(started -> assertThat(started).isAfter(before));
        assertThat(engine.inspect("rl-test-web-" + run).getId()).isEqualTo(id);

        List<ContainerSummary> found = engine.findByLabels(Map.of(RUN_LABEL, run, "io.releaseledger.application", "web"));
        assertThat(found).singleElement().satisfies(container -> {
            assertThat(container.getId()).isEqualTo(id);
            assertThat(container.getName()).isEqualTo("rl-test-web-" + run);
            assertThat(container.isRunning()).isTrue();
            assertThat(container.getLabels()).containsEntry(TEST_LABEL, "true");
        });
        assertThat(engine.findByLabels(Map.of(RUN_LABEL, run, "io.releaseledger.application", "other"))).isEmpty();
        assertThat(engine.findByLabels(Map.of(RUN_LABEL, run, "io.releaseledger.application", ""))).hasSize(1);
        assertThat(engine.logs(id, 50)).contains("ready");

        engine.stop(id, Duration.ofSeconds(2));
        engine.stop(id, Duration.ofSeconds(2)); // stopping a stopped container does nothing

        ContainerState stopped = engine.inspect(id);
        assertThat(stopped.isRunning()).isFalse();
        assertThat(stopped.getStatus()).isEqualTo("exited");
        assertThat(stopped.getFinishedAt()).isPresent();

        engine.remove(id);
        engine.remove(id); // gone is fine

        assertThat(engine.findByLabels(Map.of(RUN_LABEL, run))).isEmpty();
        assertThatThrownBy(() -> engine.inspect(id))
                .isInstanceOf(ContainerEngineException.class)
                .hasMessageContaining("inspecting container " + id + " on Docker host unix:///var/run/docker.sock failed")
                .hasMessageContaining("No such container");
    }

    @Test
    void shouldRunDockersInitSoThatACommandIgnoringSigtermAsPidOneStillStopsOnIt() throws Exception {
        engine.pull(image, null);
        List<String> httpd = List.of("httpd", "-f", "-p", "127.0.0.1:" + FreePorts.next(), "-h", "/www");
        String withInit = engine.create(new ContainerRequest("rl-test-init-" + run, image).setInit(true)
                .setLabels(Map.of(TEST_LABEL, "true", RUN_LABEL, run)).setCommand(httpd).setNetworkMode("host"));
        String without = engine.create(new ContainerRequest("rl-test-noinit-" + run, image)
                .setLabels(Map.of(TEST_LABEL, "true", RUN_LABEL, run)).setCommand(httpd).setNetworkMode("none"));
        engine.start(withInit);
        engine.start(without);

        engine.stop(withInit, Duration.ofSeconds(30));
        engine.stop(without, Duration.ofSeconds(1));

        assertThat(DockerCli.check("inspect", "-f", "{{.HostConfig.Init}}", withInit).strip()).isEqualTo("true");
        assertThat(engine.inspect(withInit).getExitCode()).as("ended by SIGTERM (128 + 15), forwarded by the init")
                .contains(143);
        assertThat(engine.inspect(without).getExitCode()).as("httpd as PID 1 ignores SIGTERM: killed (128 + 9)")
                .contains(137);
    }

    @Test
    void shouldShowTheExitCodeOfACommandThatExits() throws Exception {
        engine.pull(image, null);
        String id = engine.create(new ContainerRequest("rl-test-exit-" + run, image)
                .setLabels(Map.of(TEST_LABEL, "true", RUN_LABEL, run))
                .setCommand(List.of("sh", "-c", "echo bye; exit 3")));
        assertThat(engine.inspect(id).getStatus()).isEqualTo("created");
        assertThat(engine.inspect(id).getExitCode()).isEmpty();

        engine.start(id);

        ContainerState state = awaitNotRunning(id);
        assertThat(state.getStatus()).isEqualTo("exited");
        assertThat(state.getExitCode()).contains(3);
        assertThat(engine.logs(id, 10)).contains("bye");
        assertThat(engine.findByLabels(Map.of(RUN_LABEL, run))).singleElement()
                .satisfies(container -> assertThat(container.getState()).isEqualTo("exited"));
    }

    @Test
    void shouldSayWhatToDoWhenTheNameIsTaken() {
        engine.pull(image, null);
        ContainerRequest request = new ContainerRequest("rl-test-twice-" + run, image)
                .setLabels(Map.of(TEST_LABEL, "true", RUN_LABEL, run));
        engine.create(request);

        assertThatThrownBy(() -> engine.create(request))
                .isInstanceOf(ContainerEngineException.class)
                .hasMessageContaining("creating container rl-test-twice-" + run)
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("remove it or choose another name");
    }

    @Test
    void shouldSayWhenTheDockerHostCannotBeReached() throws Exception {
        int port = FreePorts.next();
        try (ContainerEngine unreachable = DockerJavaEngine.connect(DockerHost.tcp("127.0.0.1", port))) {
            assertThatThrownBy(unreachable::ping)
                    .isInstanceOf(ContainerEngineException.class)
                    .hasMessageStartingWith("asking the engine for its version: cannot reach the Docker engine at tcp://127.0.0.1:" + port)
                    .hasMessageContaining("Check that dockerd runs and listens there");
            assertThatThrownBy(() -> unreachable.findByLabels(Map.of(RUN_LABEL, run)))
                    .hasMessageContaining("cannot reach the Docker engine at tcp://127.0.0.1:" + port);
        }
    }

    @Test
    void shouldSayWhenTheSocketIsMissing(@TempDir final Path directory) {
        try (ContainerEngine missing = DockerJavaEngine.connect(DockerHost.unixSocket(directory.resolve("docker.sock")))) {
            assertThatThrownBy(missing::ping)
                    .isInstanceOf(ContainerEngineException.class)
                    .hasMessageContaining("cannot reach the Docker engine at unix://" + directory.resolve("docker.sock"))
                    .hasMessageContaining("may use the socket");
        }
    }

    @Test
    void shouldNameTheMissingTlsFile(@TempDir final Path directory) throws IOException {
        Files.writeString(directory.resolve("ca.pem"), "not a certificate");

        assertThatThrownBy(() -> DockerJavaEngine.connect(DockerHost.tls("127.0.0.1", 2376, directory)))
                .isInstanceOf(ContainerEngineException.class)
                .hasMessageContaining("Docker host tcp://127.0.0.1:2376 (TLS)")
                .hasMessageContaining("client certificate " + directory.resolve("cert.pem") + " does not exist");
    }

    private ContainerState awaitNotRunning(final String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        ContainerState state = engine.inspect(id);
        while ((state.isRunning() || "created".equals(state.getStatus())) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            state = engine.inspect(id);
        }
        return state;
    }

    private static String get(final String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(2)).build();
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answer from " + url, last);
    }
}
