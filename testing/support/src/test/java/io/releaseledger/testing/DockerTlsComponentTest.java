package io.releaseledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Proves {@link Component#DOCKER_TLS}: a Docker engine of its own (not the socket's) that answers a client with the
 * test CA's certificate and refuses one without.
 */
@RequiresRealComponent({Component.DOCKER, Component.DOCKER_TLS})
class DockerTlsComponentTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private static List<String> docker(String... arguments) {
        Path client = Component.dockerTlsClientDirectory();
        List<String> command = new ArrayList<>(List.of("docker", "-H", "tcp://127.0.0.1:" + Component.dockerTlsPort(),
                "--tlsverify", "--tlscacert", client.resolve("ca.pem").toString(),
                "--tlscert", client.resolve("cert.pem").toString(), "--tlskey", client.resolve("key.pem").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    @Test
    void shouldBeAnotherEngineThanTheOneOnTheSocket() {
        String tlsRoot = Exec.check(null, TIMEOUT, docker("info", "--format", "{{.DockerRootDir}}")).strip();
        String socketRoot = Exec.check(null, TIMEOUT, List.of("docker", "-H", "unix:///var/run/docker.sock", "info",
                "--format", "{{.DockerRootDir}}")).strip();

        assertThat(tlsRoot).isNotEqualTo(socketRoot).endsWith("docker-tls/data");
    }

    @Test
    void shouldRefuseAClientWithoutItsCertificate() {
        Exec.Result refused = Exec.run(null, TIMEOUT, List.of("curl", "-sS", "--max-time", "5", "--noproxy", "*",
                "--cacert", Component.dockerTlsClientDirectory().resolve("ca.pem").toString(),
                "https://127.0.0.1:" + Component.dockerTlsPort() + "/_ping"));

        assertThat(refused.exitCode).isNotZero();
        assertThat(refused.output).doesNotContain("OK");
    }
}
