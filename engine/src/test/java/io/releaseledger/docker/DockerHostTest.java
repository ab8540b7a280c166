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
    void shouldExplainAddressesItCannotUse() {
        assertThatThrownBy(() -> DockerHost.parse("ssh://deploy@host")).hasMessageContaining("neither unix");
        assertThatThrownBy(() -> DockerHost.parse("tcp://host")).hasMessageContaining("needs a host and a port");
        assertThatThrownBy(() -> DockerHost.parse("unix://docker.sock")).hasMessageContaining("absolute socket path");
    }
}
