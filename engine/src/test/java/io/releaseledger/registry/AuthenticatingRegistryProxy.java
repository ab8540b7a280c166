package io.releaseledger.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Puts a login in front of the real registry: a JDK HTTP server on 127.0.0.1 that demands Basic credentials, or a
 * bearer token from its own {@code /token} endpoint (which takes the Basic credentials), and forwards what it
 * lets through to the registry unchanged. Registry behaviour stays real; only the door is added.
 */
final class AuthenticatingRegistryProxy implements AutoCloseable {
    enum Mode { BASIC, BEARER }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String upstream;
    private final Mode mode;
    private final String expectedBasic;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    final List<String> tokenScopes = new CopyOnWriteArrayList<>();

    AuthenticatingRegistryProxy(final String upstream, final Mode mode, final String username, final String password)
            throws IOException {
        this.upstream = upstream;
        this.mode = mode;
        this.expectedBasic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::forward);
        server.start();
    }

    /** {@code 127.0.0.1:port}, the registry name to give the client. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(final HttpExchange exchange) throws IOException {
        if (!expectedBasic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        tokenScopes.add(query == null ? "" : query);
        String token = UUID.randomUUID().toString();
        tokens.put(token, query == null ? "" : query);
        respond(exchange, 200, "{\"token\":\"" + token + "\",\"expires_in\":300}");
    }

    private void forward(final HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String path = exchange.getRequestURI().getPath();
        String repository = path.replaceFirst("^/v2/", "").replaceFirst("/(manifests|blobs|tags)/.*$", "");
        String action = "GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod())
                ? "pull" : "pull,push";
        String tokenScope = authorization != null && authorization.startsWith("Bearer ")
                ? tokens.get(authorization.substring("Bearer ".length())) : null;
        boolean allowed = mode == Mode.BASIC ? expectedBasic.equals(authorization)
                : tokenScope != null && tokenScope.endsWith("scope=repository:" + repository + ":" + action)
                        || tokenScope != null && action.equals("pull")
                        && tokenScope.endsWith("scope=repository:" + repository + ":pull,push");
        if (!allowed) {
            exchange.getResponseHeaders().add("WWW-Authenticate", mode == Mode.BASIC
                    ? "Basic realm=\"test registry\""
                    : "Bearer realm=\"http://" + address() + "/token\",service=\"test-registry\",scope=\"repository:"
                            + repository + ":" + action + "\"");
            respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : List.of("Accept", "Content-Type")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        for (String header : List.of("Content-Type", "Docker-Content-Digest", "Docker-Distribution-Api-Version",
                "Location")) {
            response.headers().firstValue(header).ifPresent(value -> exchange.getResponseHeaders().add(header, value));
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), head || answer.length == 0 ? -1 : answer.length);
        if (!head && answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
        exchange.close();
    }

    private static void respond(final HttpExchange exchange, final int status, final String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
