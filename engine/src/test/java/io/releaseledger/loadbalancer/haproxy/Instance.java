package io.releaseledger.loadbalancer.haproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One application instance behind HAProxy: a JDK HTTP server on 127.0.0.1 that answers every request with its own
 * name. {@code /health} serves the health checks (not counted); {@code /slow} is held until {@link #releaseSlow()}
 * (or 30 seconds), so a test can keep a request in flight on this instance.
 */
final class Instance implements AutoCloseable {
    private static final long SLOW_LIMIT_SECONDS = 30;

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final AtomicInteger hits = new AtomicInteger();
    private final CountDownLatch slowArrived = new CountDownLatch(1);
    private final CountDownLatch slowReleased = new CountDownLatch(1);

    private Instance(final String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static Instance start(final String name) throws IOException {
        return new Instance(name);
    }

    String name() {
        return name;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Requests served, health checks not counted. */
    int hits() {
        return hits.get();
    }

    boolean holdsSlowRequest() {
        return slowArrived.getCount() == 0;
    }

    void releaseSlow() {
        slowReleased.countDown();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("/health".equals(path)) {
                respond(exchange, "ok");
                return;
            }
            hits.incrementAndGet();
            if ("/slow".equals(path)) {
                slowArrived.countDown();
                try {
                    slowReleased.await(SLOW_LIMIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            respond(exchange, name);
        }
    }

    private static void respond(final HttpExchange exchange, final String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        slowReleased.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
