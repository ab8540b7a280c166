package io.releaseledger.health.browser;

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

/**
 * Web pages on 127.0.0.1 for the browser tests: plain HTML, a status, or a page that never finishes. Each request
 * gets its own thread, so a hanging page blocks nothing else; {@link #close()} releases it.
 */
public final class TestPages implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch closed = new CountDownLatch(1);

    public TestPages() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        // Chromium asks for a favicon by itself; an empty one keeps 404s out of the console.
        server.createContext("/favicon.ico", exchange -> answer(exchange, 204, "image/x-icon", ""));
        server.start();
    }

    /** Serves {@code html} with status 200 at {@code path}. */
    public TestPages page(final String path, final String html) {
        return page(path, 200, html);
    }

    public TestPages page(final String path, final int status, final String html) {
        server.createContext(path, exchange -> answer(exchange, status, "text/html; charset=utf-8", html));
        return this;
    }

    /** A page whose body starts but never ends (until {@link #close()}), so its load event never fires. */
    public TestPages hanging(final String path) {
        server.createContext(path, exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write("<html><body><p>loading".getBytes(StandardCharsets.UTF_8));
                out.flush();
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the browser went away
            }
        });
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(final String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private static void answer(final HttpExchange exchange, final int status, final String type, final String body)
            throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
