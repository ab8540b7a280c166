package io.releaseledger.docker.javaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.TlsPem;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.testing.TestCertificates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DockerJavaEngine} over TLS against the real TLS-only engine ({@link Component#DOCKER_TLS}). */
@RequiresRealComponent(Component.DOCKER_TLS)
class TlsEngineTest {
    @TempDir
    Path temp;

    private static DockerHost host(final Path directory) {
        return DockerHost.tls("127.0.0.1", Component.dockerTlsPort(), directory);
    }

    @Test
    void shouldTalkToTheEngineWithItsClientCertificate() {
        try (ContainerEngine engine = DockerJavaEngine.connect(host(TestCertificates.engineClient(temp.resolve("ok"))))) {
            assertThat(engine.ping()).contains("(API ");
        }
    }

    @Test
    void shouldSayTheEngineRefusedAClientCertificateOfAnotherCa() throws IOException {
        Path stranger = TestCertificates.strangerClient(temp.resolve("stranger"));
        String key = Files.readString(stranger.resolve("key.pem"));

        try (ContainerEngine engine = DockerJavaEngine.connect(host(stranger))) {
            assertThatThrownBy(engine::ping).isInstanceOf(ContainerEngineException.class)
                    .hasMessageContaining("tcp://127.0.0.1:" + Component.dockerTlsPort())
                    .hasMessageContaining("refused the TLS handshake")
                    .hasMessageContaining("client certificate signed by a CA that the engine trusts (its --tlscacert)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.lines().skip(1).findFirst().orElseThrow()));
        }
    }

    /** The directory's PEM texts in memory, as the agent holds a Jenkins credential's. */
    private static DockerHost inMemory(final Path directory) throws IOException {
        return DockerHost.tls("127.0.0.1", Component.dockerTlsPort(), new TlsPem("credentials 'fleet-tls'",
                Files.readString(directory.resolve("ca.pem")), Files.readString(directory.resolve("cert.pem")),
                Files.readString(directory.resolve("key.pem"))));
    }

    @Test
    void shouldTalkToTheEngineWithACertificateHeldInMemory() throws IOException {
        DockerHost host = inMemory(TestCertificates.engineClient(temp.resolve("memory")));

        try (ContainerEngine engine = DockerJavaEngine.connect(host)) {
            assertThat(engine.ping()).contains("(API ");
        }
    }

    @Test
    void shouldNameTheCredentialNotTheKeyWhenTheEngineRefusesACertificateHeldInMemory() throws IOException {
        Path stranger = TestCertificates.strangerClient(temp.resolve("stranger"));
        String keyLine = Files.readString(stranger.resolve("key.pem")).lines().skip(1).findFirst().orElseThrow();

        try (ContainerEngine engine = DockerJavaEngine.connect(inMemory(stranger))) {
            assertThatThrownBy(engine::ping).isInstanceOf(ContainerEngineException.class)
                    .hasMessageContaining("refused the TLS handshake")
                    .hasMessageContaining("check that the certificate of credentials 'fleet-tls' was signed by that CA")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyLine));
        }
    }

    @Test
    void shouldSayTheEngineCertificateIsNotSignedByTheGivenCa() throws IOException {
        Path client = TestCertificates.engineClient(temp.resolve("wrong-ca"));
        Path stranger = TestCertificates.strangerClient(temp.resolve("stranger"));
        Files.copy(stranger.resolve("stranger-ca.pem"), client.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);

        try (ContainerEngine engine = DockerJavaEngine.connect(host(client))) {
            assertThatThrownBy(engine::ping).isInstanceOf(ContainerEngineException.class)
                    .hasMessageContaining("tcp://127.0.0.1:" + Component.dockerTlsPort())
                    .hasMessageContaining("the engine's certificate is not signed by the CA in " + client.resolve("ca.pem"));
        }
    }
}
