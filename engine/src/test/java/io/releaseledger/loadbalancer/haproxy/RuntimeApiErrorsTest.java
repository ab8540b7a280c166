package io.releaseledger.loadbalancer.haproxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.loadbalancer.LoadBalancerException;
import io.releaseledger.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures that need no HAProxy: nothing at the address, and names that would smuggle in other commands. */
class RuntimeApiErrorsTest {
    @TempDir
    private Path temp;

    @Test
    void shouldExplainASocketThatDoesNotExist() {
        Path socket = temp.resolve("missing.sock");
        try (LoadBalancer loadBalancer = HaproxyLoadBalancer.overUnixSocket(socket)) {
            assertThatThrownBy(() -> loadBalancer.servers("web")).isInstanceOf(LoadBalancerException.class)
                    .hasMessageContaining("cannot reach HAProxy's runtime API on unix socket " + socket)
                    .hasMessageContaining("the socket does not exist")
                    .hasMessageContaining("add 'stats socket " + socket + " mode 660 level admin' to the global "
                            + "section of haproxy.cfg");
        }
    }

    @Test
    void shouldExplainATcpPortNobodyListensOn() throws Exception {
        int port = FreePorts.next();
        try (LoadBalancer loadBalancer = HaproxyLoadBalancer.overTcp("127.0.0.1", port)
                .setCommandTimeout(Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> loadBalancer.drain("web", "web1")).isInstanceOf(LoadBalancerException.class)
                    .hasMessageContaining("cannot reach HAProxy's runtime API on 127.0.0.1:" + port)
                    .hasMessageContaining("stats socket ipv4@127.0.0.1:" + port + " level admin");
        }
    }

    @Test
    void shouldRefuseNamesThatWouldInjectCommands() {
        try (LoadBalancer loadBalancer = HaproxyLoadBalancer.overUnixSocket(temp.resolve("any.sock"))) {
            assertThatThrownBy(() -> loadBalancer.drain("web", "web1; shutdown frontend fe"))
                    .isInstanceOf(LoadBalancerException.class)
                    .hasMessageContaining("'web1; shutdown frontend fe' is not a valid HAProxy server name");
            assertThatThrownBy(() -> loadBalancer.servers("web\nshow info"))
                    .hasMessageContaining("not a valid HAProxy backend name");
            assertThatThrownBy(() -> loadBalancer.setAddress("web", "web1", "127.0.0.1 port 1;x", 80))
                    .hasMessageContaining("IP address");
        }
    }
}
