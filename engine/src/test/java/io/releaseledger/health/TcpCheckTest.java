package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class TcpCheckTest {
    @Test
    void shouldPassWhenThePortAcceptsConnections() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CheckTarget target = new CheckTarget("127.0.0.1", socket.getLocalPort(), null, null);

            CheckResult result = new TcpCheck().run(target);

            assertThat(result.isPassed()).as(result.getDetail()).isTrue();
            assertThat(result.getName()).isEqualTo("tcp 127.0.0.1:" + socket.getLocalPort());
            assertThat(result.getKind()).isEqualTo("tcp");
            assertThat(result.getDetail()).matches("connected to 127\\.0\\.0\\.1:\\d+ in \\d+ ms");
        }
    }

    @Test
    void shouldFailWhenThePortIsClosed() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CheckResult result = new TcpCheck().setTimeout(Duration.ofSeconds(2))
                .run(new CheckTarget("127.0.0.1", port, null, null));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.isFatal()).isFalse();
        assertThat(result.getDetail()).isEqualTo("127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void shouldUseAFixedAddressTemplate() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CheckResult result = new TcpCheck("127.0.0.1:" + socket.getLocalPort())
                    .run(new CheckTarget("192.0.2.1", 1, null, null));

            assertThat(result.isPassed()).as(result.getDetail()).isTrue();
        }
    }

    @Test
    void shouldRejectAnAddressWithoutPort() {
        CheckResult result = new TcpCheck("{address}").run(new CheckTarget("127.0.0.1", 80, null, null));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getDetail()).contains("is not host:port");
    }
}
