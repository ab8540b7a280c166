package io.releaseledger.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK HTTP server on 127.0.0.1 and a free port whose answers a test scripts; counts its requests. */
final class TestServer implements AutoCloseable {
    /** Answers one request; {@code number} counts from 1. */
    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange, int number) throws IOException;
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    TestServer(final String path, final Responder responder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            try (exchange) {
                responder.respond(exchange, requests.incrementAndGet());
            }
        });
        server.start();
    }

    static void answer(final HttpExchange exchange, final int status, final String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    CheckTarget target() {
        return new CheckTarget("127.0.0.1", port(), null, null);
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
