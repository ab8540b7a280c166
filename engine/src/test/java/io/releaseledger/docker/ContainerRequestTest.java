package io.releaseledger.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContainerRequestTest {
    private static final String IMAGE = "127.0.0.1:5000/shop/web@sha256:" + "cd".repeat(32);

    @Test
    void shouldDefaultToHostNetworkingAndNoRestart() {
        ContainerRequest request = new ContainerRequest("shop-web-1", IMAGE)
                .setEnvironment(Map.of("PORT", "8081"))
                .setCommand(List.of("httpd", "-f"));

        assertThat(request.getNetworkMode()).isEqualTo("host");
        assertThat(request.getRestartPolicy()).isEqualTo(RestartPolicy.no());
        assertThat(request.getEnvironmentEntries()).containsExactly("PORT=8081");
        assertThat(request).hasToString("container shop-web-1 from " + IMAGE);
    }

    @Test
    void shouldRefuseAnImageThatIsNotPinnedByDigest() {
        assertThatThrownBy(() -> new ContainerRequest("web", "127.0.0.1:5000/shop/web:1.4.0"))
                .hasMessageContaining("not pinned by digest");
    }

    @Test
    void shouldRefusePublishedPortsWithHostNetworking() {
        ContainerRequest request = new ContainerRequest("web", IMAGE).setPorts(Map.of(8080, 80));

        assertThatThrownBy(request::validate).hasMessageContaining("host networking");
        request.setNetworkMode("bridge").validate();
    }

    @Test
    void shouldReadRestartPoliciesAsTheDockerCliWritesThem() {
        assertThat(RestartPolicy.parse("on-failure:3")).isEqualTo(RestartPolicy.onFailure(3));
        assertThat(RestartPolicy.parse("unless-stopped")).hasToString("unless-stopped");
        assertThatThrownBy(() -> RestartPolicy.parse("sometimes")).hasMessageContaining("sometimes");
    }
}
