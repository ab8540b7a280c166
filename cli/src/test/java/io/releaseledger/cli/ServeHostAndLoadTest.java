package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} over real sockets on loopback: which {@code Host} names it answers (DNS rebinding), and that clients
 * holding requests open do not keep it from answering the others.
 */
class ServeHostAndLoadTest {
    @TempDir
    Path root;

    @Test
    void shouldAnswerOnlyLiteralLoopbackNames() throws IOException {
        LedgerFixture.write(root);
        try (ServeFixture serve = ServeFixture.start(root)) {
            int port = serve.uri().getPort();
            for (String host : List.of("127.0.0.1:" + port, "127.0.0.1", "localhost:" + port, "LOCALHOST",
                    "127.1.2.3:" + port, "[::1]:" + port)) {
                assertThat(statusLine(port, host)).as(host).isEqualTo("HTTP/1.1 200 OK");
            }
            for (String host : List.of("127.evil.example", "127.0.0.1.evil.example", "127.0.0.1.nip.io:" + port,
                    "localhost.evil.example", "127.0.0.256", "127.0.0.1:80:80", "127.0.0.1:http", "[::1].evil",
                    "evil.example", "")) {
                assertThat(statusLine(port, host)).as(host).isEqualTo("HTTP/1.1 403 Forbidden");
            }
        }
    }

    @Test
    void shouldAnswerTheNamesGivenWithAllowHost() throws IOException {
        LedgerFixture.write(root);
        try (ServeFixture serve = ServeFixture.start(root, "--allow-host", "ledger.internal",
                "--allow-host", "Other.Example:8443")) {
            int port = serve.uri().getPort();

            assertThat(statusLine(port, "ledger.internal:" + port)).isEqualTo("HTTP/1.1 200 OK");
            assertThat(statusLine(port, "other.example:8443")).isEqualTo("HTTP/1.1 200 OK");
            assertThat(statusLine(port, "other.example:9000")).isEqualTo("HTTP/1.1 403 Forbidden");
            assertThat(statusLine(port, "127.evil.example")).isEqualTo("HTTP/1.1 403 Forbidden");
        }
        assertThat(ReleasesServer.allowedHost("ledger.internal", Set.of())).isFalse();
    }

    @Test
    void shouldAnswerWhileOtherClientsHoldTheirRequestsOpen() throws Exception {
        LedgerFixture.write(root);
        List<Socket> slow = new ArrayList<>();
        try (ServeFixture serve = ServeFixture.start(root)) {
            int port = serve.uri().getPort();
            for (int i = 0; i < 8; i++) {
                // Half a request: the server has a connection to read from, and the rest never comes.
                Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
                socket.getOutputStream().write("GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            Thread.sleep(1000); // let the server take up the slow connections first

            assertThat(statusLine(port, "127.0.0.1:" + port)).isEqualTo("HTTP/1.1 200 OK");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** The status line of {@code GET /api/state} with the given Host header, over a raw socket. */
    private static String statusLine(final int port, final String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            socket.setSoTimeout(30_000); // generous: a loaded 2-core machine; the server answers in milliseconds
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/state HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r' && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }
}
