package io.releaseledger.loadbalancer.haproxy;

import io.releaseledger.testing.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real HAProxy as a child process, with a generated configuration in a temporary directory: a frontend on a free
 * 127.0.0.1 port, backend {@code web} with servers web1..web3 pointing at three {@link Instance}s, HTTP health
 * checks, no retries and no redispatch, and the runtime API on a unix socket at level admin (plus one at level
 * operator, and one on TCP 127.0.0.1).
 */
final class HaproxyFixture implements AutoCloseable {
    static final String BACKEND = "web";

    private final Path directory;
    private final List<Instance> instances = new ArrayList<>();
    private final int frontendPort;
    private final int tcpApiPort;
    private final Process haproxy;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private HaproxyFixture(final Path directory) throws IOException {
        this.directory = directory;
        for (int i = 1; i <= 3; i++) {
            instances.add(Instance.start("web" + i));
        }
        frontendPort = FreePorts.next();
        tcpApiPort = FreePorts.next();
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(config, config(), StandardCharsets.UTF_8);
        haproxy = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("haproxy.log").toFile()).start();
    }

    /** Starts HAProxy and waits (bounded) until all three servers are up and have passed a health check. */
    static HaproxyFixture start(final Path directory) throws IOException {
        HaproxyFixture fixture = new HaproxyFixture(directory);
        try {
            fixture.await("the runtime API socket and three servers up and passing their checks",
                    () -> Files.exists(fixture.adminSocket()) && fixture.loadBalancer().servers(BACKEND).stream()
                            .allMatch(server -> server.isServing() && "L7OK".equals(server.getCheckStatus())));
            return fixture;
        } catch (RuntimeException | Error e) {
            fixture.close();
            throw e;
        }
    }

    private String config() {
        StringBuilder servers = new StringBuilder();
        for (Instance instance : instances) {
            servers.append("  server ").append(instance.name()).append(" 127.0.0.1:").append(instance.port())
                    .append(" check\n");
        }
        return "global\n"
                + "  stats socket " + adminSocket() + " mode 600 level admin\n"
                + "  stats socket " + operatorSocket() + " mode 600 level operator\n"
                + "  stats socket ipv4@127.0.0.1:" + tcpApiPort + " level admin\n"
                + "defaults\n"
                + "  mode http\n"
                + "  timeout connect 2s\n"
                + "  timeout client 60s\n"
                + "  timeout server 60s\n"
                + "  retries 0\n"
                + "  no option redispatch\n"
                + "frontend fe\n"
                + "  bind 127.0.0.1:" + frontendPort + "\n"
                + "  default_backend " + BACKEND + "\n"
                + "backend " + BACKEND + "\n"
                + "  balance roundrobin\n"
                + "  option httpchk GET /health\n"
                + "  default-server inter 100ms fall 2 rise 1\n"
                + servers;
    }

    Path adminSocket() {
        return directory.resolve("admin.sock");
    }

    Path operatorSocket() {
        return directory.resolve("operator.sock");
    }

    int tcpApiPort() {
        return tcpApiPort;
    }

    HaproxyLoadBalancer loadBalancer() {
        return HaproxyLoadBalancer.overUnixSocket(adminSocket()).setPollInterval(Duration.ofMillis(50));
    }

    Instance instance(final String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    /** An extra instance (closed with the fixture), e.g. the new version of a server on another port. */
    Instance startInstance(final String name) throws IOException {
        Instance instance = Instance.start(name);
        instances.add(instance);
        return instance;
    }

    /** Sends {@code count} requests one after another through the frontend; answers counted by instance name. */
    Map<String, Integer> send(final int count) {
        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            answers.merge(get("/"), 1, Integer::sum);
        }
        return answers;
    }

    String get(final String path) {
        try {
            HttpResponse<String> response = client.send(request(path), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " through HAProxy answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Opens a request that its instance holds until released; waits (bounded) until it has reached an instance and
     * returns that instance with the pending response.
     */
    SlowRequest startSlowRequest() {
        CompletableFuture<HttpResponse<String>> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request("/slow"), HttpResponse.BodyHandlers.ofString());
        await("the slow request to reach an instance",
                () -> instances.stream().anyMatch(Instance::holdsSlowRequest));
        Instance holder = instances.stream().filter(Instance::holdsSlowRequest).findFirst().orElseThrow();
        return new SlowRequest(holder, response);
    }

    private HttpRequest request(final String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontendPort + path))
                .timeout(Duration.ofSeconds(40)).build();
    }

    /** Polls the condition every 50 ms for at most 10 seconds. */
    void await(final String what, final BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e; // not yet: HAProxy may still be starting
            }
            if (!haproxy.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; haproxy " + (haproxy.isAlive()
                        ? "is running" : "exited " + haproxy.exitValue()) + (last == null ? "" : "; last error: "
                        + last.getMessage()) + "; its log:\n" + log());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    String log() {
        try {
            return Files.readString(directory.resolve("haproxy.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
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
        instances.forEach(Instance::close);
    }

    /** A request held by {@link #holder()} until it is released. */
    static final class SlowRequest {
        private final Instance holder;
        private final CompletableFuture<HttpResponse<String>> response;

        SlowRequest(final Instance holder, final CompletableFuture<HttpResponse<String>> response) {
            this.holder = holder;
            this.response = response;
        }

        Instance holder() {
            return holder;
        }

        boolean isDone() {
            return response.isDone();
        }

        /** Releases the request and returns its answer (bounded wait). */
        HttpResponse<String> release() throws Exception {
            holder.releaseSlow();
            return response.get(20, TimeUnit.SECONDS);
        }
    }
}
