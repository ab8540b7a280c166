package io.releaseledger.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DockerHostTest {
    @Test
    void shouldReadTheFormsOfDockerHost() {
        assertThat(DockerHost.parse("unix:///var/run/docker.sock")).isEqualTo(DockerHost.localSocket());
        assertThat(DockerHost.parse("tcp://10.0.0.5:2375").getUri()).hasToString("tcp://10.0.0.5:2375");
        assertThat(DockerHost.parse("tcp://10.0.0.5:2375").isTls()).isFalse();
    }

    @Test
    void shouldTakeTlsFilesFromADirectoryLikeDockerCertPath() {
        DockerHost host = DockerHost.tls("docker.example.com", 2376, Path.of("/etc/docker-certs"));

        assertThat(host.isTls()).isTrue();
        assertThat(host.getCaCertificate()).contains(Path.of("/etc/docker-certs/ca.pem"));
        assertThat(host.getClientCertificate()).contains(Path.of("/etc/docker-certs/cert.pem"));
        assertThat(host.getClientKey()).contains(Path.of("/etc/docker-certs/key.pem"));
        assertThat(host).hasToString("tcp://docker.example.com:2376 (TLS)");
    }

    @Test
    void shouldCarryTlsPemTextsInMemoryAndNameOnlyTheirOrigin() {
        String keyLine = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDclientkeybody";
        TlsPem pem = new TlsPem("credentials 'app2-tls'", "CA PEM", "CERT PEM",
                "-----BEGIN PRIVATE KEY-----\n" + keyLine + "\n-----END PRIVATE KEY-----\n");
        DockerHost host = DockerHost.tls("docker.example.com", 2376, pem);

        assertThat(host.isTls()).isTrue();
        assertThat(host.getTlsPem()).contains(pem);
        assertThat(host.getCaCertificate()).isEmpty();
        assertThat(host.getClientKey()).isEmpty();
        assertThat(host).hasToString("tcp://docker.example.com:2376 (TLS)");
        assertThat(pem).hasToString("credentials 'app2-tls'");
        assertThat(pem.withoutKey("unexpected " + keyLine + " in line 2")).isEqualTo("unexpected **** in line 2");
    }

    @Test
    void shouldExplainAddressesItCannotUse() {
        assertThatThrownBy(() -> DockerHost.parse("ssh://deploy@host")).hasMessageContaining("neither unix");
        assertThatThrownBy(() -> DockerHost.parse("tcp://host")).hasMessageContaining("needs a host and a port");
        assertThatThrownBy(() -> DockerHost.parse("unix://docker.sock")).hasMessageContaining("absolute socket path");
    }
}
