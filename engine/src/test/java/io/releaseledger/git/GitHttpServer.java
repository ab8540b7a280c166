package io.releaseledger.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.releaseledger.scm.CGit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * C git's smart HTTP server ({@code git http-backend} as CGI) behind the JDK's HTTP server on 127.0.0.1, with
 * Basic authentication. Serves the bare repositories under a root directory.
 */
final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Path root;
    private final String expectedAuthorization;

    GitHttpServer(final Path root, final String user, final String password) throws IOException {
        this.root = root;
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(final String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            runBackend(exchange);
        }
    }

    private void runBackend(final HttpExchange exchange) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        CGit.isolate(env);
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REMOTE_USER", "ci");
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        String query = exchange.getRequestURI().getRawQuery();
        env.put("QUERY_STRING", query == null ? "" : query);
        copyHeader(exchange, "Content-Type", "CONTENT_TYPE", env);
        copyHeader(exchange, "Content-Encoding", "HTTP_CONTENT_ENCODING", env);
        copyHeader(exchange, "Git-Protocol", "GIT_PROTOCOL", env);
        byte[] body = exchange.getRequestBody().readAllBytes();
        env.put("CONTENT_LENGTH", String.valueOf(body.length));
        Process process = builder.start();
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(body);
            } catch (IOException e) {
                // the backend may stop reading early; its output says what happened
            }
        });
        writer.start();
        Thread errors = new Thread(() -> drain(process.getErrorStream()));
        errors.start();
        byte[] output = process.getInputStream().readAllBytes();
        respond(exchange, output);
    }

    private static void drain(final InputStream stream) {
        try {
            stream.readAllBytes();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static void copyHeader(final HttpExchange exchange, final String header, final String variable,
            final Map<String, String> env) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    // CGI output: header lines, an empty line, then the body.
    private static void respond(final HttpExchange exchange, final byte[] output) throws IOException {
        int end = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        int separator = 4;
        if (end < 0) {
            end = indexOf(output, "\n\n".getBytes(StandardCharsets.ISO_8859_1));
            separator = 2;
        }
        String headers = new String(output, 0, Math.max(end, 0), StandardCharsets.ISO_8859_1);
        int status = 200;
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (end >= 0) {
            body.write(output, end + separator, output.length - end - separator);
        }
        exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
        if (body.size() > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        }
    }

    private static int indexOf(final byte[] data, final byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
