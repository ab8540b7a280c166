package io.releaseledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy for {@link RollingBench}, as a child process (the same configuration as the engine's deploy tests,
 * {@code DeployHaproxy}): a frontend on a free 127.0.0.1 port, backend {@code rolling} with servers {@code rb-1..n}
 * on the given ports, HTTP checks {@code GET /health} every {@code inter} ms ({@code fall 2 rise 1}), {@code retries 0}
 * and no redispatch, the runtime API on a unix socket at level admin.
 */
final class RollingHaproxy implements AutoCloseable {
    static final String BACKEND = "rolling";
    static final String SERVER_PREFIX = "rb-";

    private final Path directory;
    private final int frontendPort;
    private final Process process;

    RollingHaproxy(Path directory, List<Integer> ports, long interMillis) throws IOException {
        this.directory = directory;
        frontendPort = freePort();
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < ports.size(); i++) {
            servers.append("  server ").append(SERVER_PREFIX).append(i + 1).append(" 127.0.0.1:").append(ports.get(i))
                    .append(" check\n");
        }
        String config = "global\n"
                + "  stats socket " + adminSocket() + " mode 600 level admin\n"
                + "defaults\n"
                + "  mode http\n"
                + "  timeout connect 2s\n"
                + "  timeout client 30s\n"
                + "  timeout server 30s\n"
                + "  retries 0\n"
                + "  no option redispatch\n"
                + "frontend fe\n"
                + "  bind 127.0.0.1:" + frontendPort + "\n"
                + "  default_backend " + BACKEND + "\n"
                + "backend " + BACKEND + "\n"
                + "  balance roundrobin\n"
                + "  option httpchk GET /health\n"
                + "  default-server inter " + interMillis + "ms fall 2 rise 1\n"
                + servers;
        Path file = directory.resolve("haproxy.cfg");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        process = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("haproxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(adminSocket())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("haproxy did not start: "
                        + Files.readString(directory.resolve("haproxy.log")));
            }
            sleep(20);
        }
    }

    Path adminSocket() {
        return directory.resolve("admin.sock");
    }

    int frontendPort() {
        return frontendPort;
    }

    String version() {
        try {
            Process v = new ProcessBuilder("haproxy", "-v").redirectErrorStream(true).start();
            String out = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            v.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("?").strip();
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
