package io.releaseledger.deploy;

import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.loadbalancer.haproxy.HaproxyLoadBalancer;
import io.releaseledger.testing.FreePorts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy as a child process (adapted from the load balancer's test fixture): a frontend on a free 127.0.0.1
 * port, backend {@code app} with servers {@code local-1..n} on the given ports, HTTP checks on {@code /health},
 * {@code retries 0} and no redispatch, the runtime API on a unix socket at level admin. It logs the requests that
 * went wrong and its server state changes to {@code requests.log} ({@link #account()}); its warnings go to
 * {@code haproxy.log}.
 */
final class DeployHaproxy implements AutoCloseable {
    static final String BACKEND = "app";

    private final Path directory;
    private final int frontendPort;
    private final Process haproxy;

    DeployHaproxy(final Path directory, final List<Integer> ports) throws IOException {
        this(directory, localServers(ports));
    }

    private static Map<String, String> localServers(final List<Integer> ports) {
        Map<String, String> servers = new LinkedHashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            servers.put("local-" + (i + 1), "127.0.0.1:" + ports.get(i));
        }
        return servers;
    }

    /** @param addresses server name to {@code address:port} */
    DeployHaproxy(final Path directory, final Map<String, String> addresses) throws IOException {
        this(directory, addresses, false);
    }

    /**
     * @param retryElsewhere a request whose connection is refused (or answered by nothing) is retried on another
     *                       server ({@code retries 3}, {@code option redispatch 1}, {@code retry-on conn-failure
     *                       empty-response}): what a swarm environment needs, since Swarm stops tasks HAProxy has
     *                       not drained
     */
    DeployHaproxy(final Path directory, final Map<String, String> addresses, final boolean retryElsewhere)
            throws IOException {
        this.directory = directory;
        frontendPort = FreePorts.next();
        StringBuilder servers = new StringBuilder();
        addresses.forEach((name, address) -> servers.append("  server ").append(name).append(' ').append(address)
                .append(" check\n"));
        String config = "global\n"
                + "  stats socket " + adminSocket() + " mode 600 level admin\n"
                // stdout is requests.log; dontlog-normal leaves out requests without error, retry or 5xx
                + "  log stdout format iso local0\n"
                + "defaults\n"
                + "  mode http\n"
                + "  log global\n"
                + "  option httplog\n"
                + "  option dontlog-normal\n"
                + "  timeout connect 2s\n"
                + "  timeout client 30s\n"
                + "  timeout server 30s\n"
                + (retryElsewhere ? "  retries 3\n  option redispatch 1\n  retry-on conn-failure empty-response\n"
                        : "  retries 0\n  no option redispatch\n")
                + "frontend fe\n"
                + "  bind 127.0.0.1:" + frontendPort + "\n"
                + "  default_backend " + BACKEND + "\n"
                + "backend " + BACKEND + "\n"
                + "  balance roundrobin\n"
                + "  option httpchk GET /health\n"
                // Without "timeout check" HAProxy gives a check "inter" for connect and read together (2.6
                // configuration.txt, "timeout check"): 100 ms, which a loaded machine misses twice in a row, marking
                // the one server left in a batch DOWN. Checks still run every 100 ms and fail after two misses.
                + "  timeout check 2s\n"
                + "  default-server inter 100ms fall 2 rise 1\n"
                + servers;
        Path file = directory.resolve("haproxy.cfg");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        haproxy = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                .redirectOutput(requestLog().toFile()).redirectError(directory.resolve("haproxy.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(adminSocket())) {
            if (!haproxy.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("haproxy did not start: " + Files.readString(directory.resolve("haproxy.log")));
            }
            sleep(50);
        }
    }

    Path adminSocket() {
        return directory.resolve("admin.sock");
    }

    private Path requestLog() {
        return directory.resolve("requests.log");
    }

    /** HAProxy's account of the requests that went wrong so far; its {@code toString()} describes them. */
    HaproxyAccount account() {
        return new HaproxyAccount(requestLog());
    }

    int frontendPort() {
        return frontendPort;
    }

    List<ServerState> servers() {
        try (HaproxyLoadBalancer lb = HaproxyLoadBalancer.overUnixSocket(adminSocket())) {
            return lb.servers(BACKEND);
        }
    }

    /** Polls (bounded, 10 s) until every server is ready and up. */
    void awaitAllServing() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!servers().stream().allMatch(ServerState::isServing)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("servers not all serving: " + servers());
            }
            sleep(50);
        }
    }

    /** Polls (bounded, 10 s) until the named servers are ready and up. */
    void awaitServing(final String... names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        java.util.List<String> wanted = java.util.List.of(names);
        while (servers().stream().filter(s -> wanted.contains(s.getName())).filter(ServerState::isServing).count()
                < wanted.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("servers " + wanted + " not all serving: " + servers());
            }
            sleep(50);
        }
    }

    static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        haproxy.destroy();
        try {
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Duration seconds(final long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
