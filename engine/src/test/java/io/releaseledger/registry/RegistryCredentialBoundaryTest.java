package io.releaseledger.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where {@link RegistryClient} sends credentials: real HTTP servers on 127.0.0.1 and 127.0.0.2 (two loopback hosts,
 * so two origins) play a registry that redirects and a token service; each records the requests it got.
 */
class RegistryCredentialBoundaryTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String PASSWORD = "s3cret-Pa55";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(("ci:" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));

    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void shouldNotSendTheCredentialsAlongARedirectToAnotherHost() throws Exception {
        Recorder other = serve("127.0.0.2", exchange -> answerDigest(exchange));
        Recorder registry = serve("127.0.0.1", exchange -> {
            if (!BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                challenge(exchange, "Basic realm=\"test\"");
            } else {
                redirect(exchange, "http://127.0.0.2:" + other.port + exchange.getRequestURI().getPath());
            }
        });

        ResolvedImage image = client(registry).resolve("shop/web", "1.0.0");

        assertThat(image.getDigest()).isEqualTo(DIGEST);
        assertThat(registry.authorizations).contains(BASIC);
        assertThat(other.requests).isNotEmpty();
        assertThat(other.authorizations).as("Authorization headers 127.0.0.2 received").containsOnlyNulls();
    }

    @Test
    void shouldKeepTheCredentialsAlongARedirectWithinTheRegistry() throws Exception {
        Recorder registry = serve("127.0.0.1", exchange -> {
            if (!BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                challenge(exchange, "Basic realm=\"test\"");
            } else if (exchange.getRequestURI().getPath().startsWith("/v2/")) {
                redirect(exchange, "/moved" + exchange.getRequestURI().getPath());
            } else {
                answerDigest(exchange);
            }
        });

        assertThat(client(registry).resolve("shop/web", "1.0.0").getDigest()).isEqualTo(DIGEST);
        assertThat(registry.requests).contains("HEAD /moved/v2/shop/web/manifests/1.0.0");
    }

    @Test
    void shouldNotSendTheRegistryTokenToTheHostARedirectNames() throws Exception {
        Recorder other = serve("127.0.0.2", exchange -> answerDigest(exchange));
        Recorder registry = serve("127.0.0.1", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (exchange.getRequestURI().getPath().equals("/token")) {
                respond(exchange, 200, "{\"token\":\"registry-token-1\"}");
            } else if (!"Bearer registry-token-1".equals(authorization)) {
                challenge(exchange, "Bearer realm=\"http://127.0.0.1:" + exchange.getLocalAddress().getPort()
                        + "/token\",service=\"test\"");
            } else {
                redirect(exchange, "http://127.0.0.2:" + other.port + exchange.getRequestURI().getPath());
            }
        });

        assertThat(client(registry).resolve("shop/web", "1.0.0").getDigest()).isEqualTo(DIGEST);
        assertThat(other.authorizations).containsOnlyNulls();
    }

    @Test
    void shouldRefuseAPlainHttpTokenRealmOffLoopbackAndSendNothingThere() throws Exception {
        // Whatever the client sends to registry.example reaches this recorder (the default proxy), not the network.
        Recorder network = serve("127.0.0.1", exchange -> respond(exchange, 200, "{\"token\":\"stolen\"}"));
        Recorder registry = serve("127.0.0.1", exchange -> challenge(exchange,
                "Bearer realm=\"http://registry.example/token\",service=\"test\""));
        ProxySelector previous = ProxySelector.getDefault();
        ProxySelector.setDefault(offLoopbackTo(network.port));
        try {
            assertThatThrownBy(() -> client(registry).resolve("shop/web", "1.0.0"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("http://registry.example/token")
                    .hasMessageContaining("plain http is used only for loopback addresses")
                    .hasMessageNotContaining(PASSWORD);
        } finally {
            ProxySelector.setDefault(previous);
        }
        assertThat(network.requests).isEmpty();
    }

    @Test
    void shouldRefuseARedirectToPlainHttpOffLoopback() throws Exception {
        Recorder network = serve("127.0.0.1", exchange -> answerDigest(exchange));
        Recorder registry = serve("127.0.0.1", exchange -> redirect(exchange, "http://blobs.example/manifest"));
        ProxySelector previous = ProxySelector.getDefault();
        ProxySelector.setDefault(offLoopbackTo(network.port));
        try {
            assertThatThrownBy(() -> client(registry).resolve("shop/web", "1.0.0"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("http://blobs.example/manifest")
                    .hasMessageContaining("refusing to send anything there");
        } finally {
            ProxySelector.setDefault(previous);
        }
        assertThat(network.requests).isEmpty();
    }

    @Test
    void shouldCompareSchemeHostAndPort() {
        assertThat(RegistryClient.sameOrigin(URI.create("https://r.example/v2/"), URI.create("https://R.example:443/x")))
                .isTrue();
        assertThat(RegistryClient.sameOrigin(URI.create("https://r.example/"), URI.create("http://r.example/"))).isFalse();
        assertThat(RegistryClient.sameOrigin(URI.create("http://127.0.0.1:5000/"), URI.create("http://127.0.0.1:5001/")))
                .isFalse();
        assertThat(RegistryClient.sameOrigin(URI.create("http://127.0.0.1:5000/"), URI.create("http://127.0.0.2:5000/")))
                .isFalse();
    }

    private RegistryClient client(final Recorder registry) {
        return new RegistryClient("127.0.0.1:" + registry.port).setCredentials(RegistryCredentials.of("ci", PASSWORD));
    }

    private Recorder serve(final String host, final Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
        Recorder recorder = new Recorder(server.getAddress().getPort());
        server.createContext("/", exchange -> {
            try (exchange) {
                recorder.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                recorder.authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                handler.handle(exchange);
            }
        });
        server.start();
        servers.add(server);
        return recorder;
    }

    private static ProxySelector offLoopbackTo(final int port) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(final URI uri) {
                return RegistryClient.isLoopback(uri.getHost()) ? List.of(Proxy.NO_PROXY)
                        : List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", port)));
            }

            @Override
            public void connectFailed(final URI uri, final SocketAddress address, final IOException e) {
                // the test sees the failure in the client's exception
            }
        };
    }

    private static void answerDigest(final HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Docker-Content-Digest", DIGEST);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
        exchange.sendResponseHeaders(200, -1);
    }

    private static void challenge(final HttpExchange exchange, final String header) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", header);
        exchange.sendResponseHeaders(401, -1);
    }

    private static void redirect(final HttpExchange exchange, final String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(307, -1);
    }

    private static void respond(final HttpExchange exchange, final int status, final String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static final class Recorder {
        final int port;
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<String> authorizations = new CopyOnWriteArrayList<>();

        Recorder(final int port) {
            this.port = port;
        }
    }
}
