package io.releaseledger.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The Releases page as Jenkins lays it out, on 127.0.0.1: a page with a side panel and the adjunct's stylesheet and
 * script where {@code <st:adjunct>} writes them (test resources {@code jenkins-layout/}), the adjunct files from the
 * engine's class path and the API passed through to a {@link ServeFixture}. {@code ?theme=dark} adds a stylesheet that
 * sets Jenkins' theme variables to dark values.
 */
final class JenkinsLayoutFixture implements AutoCloseable {
    static final String PAGE = "/job/shop/job/main/releases/";
    private static final String API = PAGE + "shop/api/";
    private static final String ADJUNCTS = "/adjuncts/0123abcd/";
    private static final String STATIC = "/static/";
    private static final String FIXTURES = "/io/releaseledger/cli/jenkins-layout/";

    static final String ROLLBACK = PAGE + "shop/rollback";
    /**
     * The policy Jenkins sends (jenkins-2.541.3, core/src/main/java/jenkins/security/csp/impl/BaseContributor.java):
     * like the CLI's, but forms may post to Jenkins itself.
     */
    static final String JENKINS_CSP = "default-src 'self'; style-src 'self' 'report-sample'; "
            + "script-src 'self' 'report-sample'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";
    static final String CRUMB_FIELD = "Jenkins-Crumb";
    static final String CRUMB = "c0ffee0123";

    private final ServeFixture serve;
    private final HttpServer server;
    private final java.util.List<String> posts = new java.util.concurrent.CopyOnWriteArrayList<>();

    private JenkinsLayoutFixture(final ServeFixture serve, final HttpServer server) {
        this.serve = serve;
        this.server = server;
    }

    static JenkinsLayoutFixture start(final ServeFixture serve) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JenkinsLayoutFixture fixture = new JenkinsLayoutFixture(serve, server);
        server.createContext("/", fixture::handle);
        server.start();
        return fixture;
    }

    /** The page; {@code dark}: with the dark theme's variables. */
    URI page(final boolean dark) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PAGE + (dark ? "?theme=dark" : ""));
    }

    /**
     * The page as {@code page.jelly} renders it for a user with Release Ledger/Rollback: the form's URL and Jenkins'
     * crumb on the page's element ({@code h.getCrumbRequestField()}, {@code h.getCrumb(request2)}).
     */
    URI pageWithRollback() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PAGE + "?rollback=allowed");
    }

    /** The bodies of the rollback POSTs that carried the crumb, as the browser encoded them. */
    java.util.List<String> rollbackPosts() {
        return posts;
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            if (path.equals(ROLLBACK) && "POST".equals(exchange.getRequestMethod())) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                // Jenkins' crumb filter refuses a POST without the crumb before any action sees it.
                if (!body.contains(CRUMB_FIELD + "=" + CRUMB)) {
                    send(exchange, 403, "text/plain", "No valid crumb was included in the request".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                posts.add(body);
                exchange.getResponseHeaders().set("Location", PAGE);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (path.equals(PAGE)) {
                String theme = "dark".equals(ReleasesServer.query(uri).get("theme"))
                        ? "<link rel=\"stylesheet\" href=\"" + STATIC + "jenkins-dark-theme.css\">" : "";
                String html = new String(resource(FIXTURES + "page.html"), StandardCharsets.UTF_8).replace("<!--theme-->", theme);
                if ("allowed".equals(ReleasesServer.query(uri).get("rollback"))) {
                    html = html.replace("data-api=\"" + API + "\"", "data-api=\"" + API + "\" data-rollback=\"" + ROLLBACK
                            + "\" data-crumb-field=\"" + CRUMB_FIELD + "\" data-crumb=\"" + CRUMB + "\"");
                }
                send(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith(STATIC) && path.endsWith(".css")) {
                send(exchange, 200, "text/css; charset=utf-8", resource(FIXTURES + path.substring(STATIC.length())));
            } else if (path.startsWith(ADJUNCTS)) {
                String name = path.substring(ADJUNCTS.length());
                String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
                send(exchange, 200, type, resource("/" + name));
            } else if (path.startsWith(API)) {
                String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
                HttpResponse<String> answer = serve.get("api/" + path.substring(API.length()) + query);
                send(exchange, answer.statusCode(), "application/json; charset=utf-8",
                        answer.body().getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/favicon.ico")) {
                send(exchange, 204, "image/x-icon", new byte[0]);
            } else {
                send(exchange, 404, "text/plain", ("not found: " + path).getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static void send(final HttpExchange exchange, final int status, final String type, final byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        // Jenkins sends a Content-Security-Policy: no inline script or style.
        exchange.getResponseHeaders().set("Content-Security-Policy", JENKINS_CSP);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] resource(final String name) {
        try (InputStream in = JenkinsLayoutFixture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
