package io.releaseledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves {@link Component#HAPROXY}: haproxy starts on loopback and its runtime API drains a server. */
@RequiresRealComponent(Component.HAPROXY)
class HaproxyComponentTest {
    @TempDir
    Path dir;

    @Test
    void shouldReportAndChangeServerStateThroughTheRuntimeApi() throws Exception {
        Path socket = dir.resolve("admin.sock");
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, String.join("\n",
                "global",
                "    stats socket " + socket + " mode 600 level admin",
                "defaults",
                "    mode http",
                "    timeout connect 1s",
                "    timeout client 5s",
                "    timeout server 5s",
                "frontend web",
                "    bind 127.0.0.1:" + FreePorts.next(),
                "    default_backend app",
                "backend app",
                "    server s1 127.0.0.1:" + FreePorts.next(),
                "    server s2 127.0.0.1:" + FreePorts.next(),
                ""));
        Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile())
                .start();
        try {
            waitFor(socket, haproxy);

            String state = send(socket, "show servers state app");
            assertThat(state).contains(" app 1 s1 127.0.0.1 ", " app 2 s2 127.0.0.1 ");

            assertThat(send(socket, "set server app/s1 state maint")).isBlank();
            assertThat(send(socket, "show servers state app"))
                    .containsPattern(" app 1 s1 127\\.0\\.0\\.1 \\d+ 1 ") // srv_admin_state 1 = forced maintenance
                    .containsPattern(" app 2 s2 127\\.0\\.0\\.1 \\d+ 0 ");
        } finally {
            haproxy.destroy();
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        }
    }

    private static void waitFor(Path socket, Process haproxy) throws Exception {
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            assertThat(haproxy.isAlive()).as("haproxy still running").isTrue();
            Thread.sleep(50);
        }
        assertThat(socket).exists();
    }

    private static String send(Path socket, String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
