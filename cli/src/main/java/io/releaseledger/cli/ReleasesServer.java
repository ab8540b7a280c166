package io.releaseledger.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.deploy.GovernanceState;
import io.releaseledger.deploy.NotificationOutcomes;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerView;
import io.releaseledger.ledger.MetricsQuery;
import io.releaseledger.policy.PolicyException;
import io.releaseledger.policy.PolicyFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Releases page and its JSON API over the JDK's HTTP server: {@code /}, {@code /releases.js},
 * {@code /releases.css}, {@code /api/state}, {@code /api/history}, {@code /api/metrics}, {@code /api/verify}. GET only; everything
 * else is 404 (405 for another method on a known path). Every answer carries the security headers.
 */
final class ReleasesServer implements AutoCloseable {
    static final String PAGE = "/io/releaseledger/page/";
    static final String JSON = "application/json; charset=utf-8";
    static final String CSP = "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, String[]> ASSETS = Map.of(
            // Not beside releases.js: Stapler would write an HTML page of the adjunct's name instead of its tags.
            "/", new String[] {"standalone/index.html", "text/html; charset=utf-8"},
            "/releases.js", new String[] {"releases.js", "text/javascript; charset=utf-8"},
            "/releases.css", new String[] {"releases.css", "text/css; charset=utf-8"},
            "/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"});
    private static final Set<String> API = Set.of("/api/state", "/api/history", "/api/metrics", "/api/verify");
    /** Enough that clients holding connections open cannot starve the others; idle threads end after a minute. */
    static final int MAX_THREADS = 64;
    /**
     * Seconds a request may take to arrive before the JDK server drops the connection. No limit on the response: the
     * JDK's counts the handler's time too, and verifying a large ledger may take minutes.
     */
    static final String MAX_REQUEST_SECONDS = "10";
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    static {
        // The JDK server reads this once, when its first instance starts; an operator's own value wins.
        setIfAbsent("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
    }

    private final Ledger ledger;
    private final Map<String, byte[]> assets = new LinkedHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private final boolean checkHost;
    private final Set<String> allowedHosts;

    private ReleasesServer(final Ledger ledger, final HttpServer server, final ExecutorService executor,
            final boolean checkHost, final Set<String> allowedHosts) {
        this.ledger = ledger;
        this.server = server;
        this.executor = executor;
        this.checkHost = checkHost;
        this.allowedHosts = allowedHosts;
        ASSETS.forEach((path, asset) -> assets.put(path, resource(asset[0])));
    }

    /** Starts serving {@code ledger} on {@code bind:port} (port 0: any free port). */
    static ReleasesServer start(final Ledger ledger, final String bind, final int port) {
        return start(ledger, bind, port, List.of());
    }

    /**
     * Starts serving {@code ledger} on {@code bind:port}; the {@code Host} of a request must be a literal loopback
     * name or one of {@code allowedHosts} while bound to loopback or when any are given.
     */
    static ReleasesServer start(final Ledger ledger, final String bind, final int port,
            final Collection<String> allowedHosts) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (IOException e) {
            throw new ReleaseLedgerException("cannot resolve the address to bind to, \"" + bind + "\": " + e.getMessage());
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 50);
        } catch (IOException e) {
            throw new ReleaseLedgerException("cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (is another server using the port? choose another with --port)");
        }
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "release-ledger-serve-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        Set<String> allowed = new HashSet<>();
        allowedHosts.forEach(host -> allowed.add(host.strip().toLowerCase(Locale.ROOT)));
        ReleasesServer releases = new ReleasesServer(ledger, server, executor,
                address.isLoopbackAddress() || !allowed.isEmpty(), Set.copyOf(allowed));
        server.createContext("/", releases::handle);
        server.setExecutor(executor);
        server.start();
        return releases;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8470/}. */
    URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        if (address.getAddress().isAnyLocalAddress()) {
            host = "127.0.0.1";
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            boolean known = ASSETS.containsKey(path) || API.contains(path);
            if (checkHost && !allowedHost(exchange.getRequestHeaders().getFirst("Host"), allowedHosts)) {
                // DNS rebinding: a page from another site must not read the ledger through a name that points here.
                sendJson(exchange, 403, Map.of("error", "this server answers only to localhost, 127.0.0.1 and the"
                        + " names given with --allow-host"));
            } else if (!known) {
                sendJson(exchange, 404, Map.of("error", "not found: " + path));
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                sendJson(exchange, 405, Map.of("error", "only GET is allowed"));
            } else if (API.contains(path)) {
                api(exchange, path);
            } else {
                byte[] body = assets.get(path);
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                send(exchange, 200, ASSETS.get(path)[1], body);
            }
        } catch (RuntimeException e) {
            // The exchange may already be answered; nothing else to do than not killing the server thread.
        }
    }

    private void api(final HttpExchange exchange, final String path) throws IOException {
        Map<String, Object> body;
        try {
            body = switch (path) {
                case "/api/state" -> withGovernance(stateWithNotifications());
                case "/api/history" -> history(query(exchange.getRequestURI()));
                case "/api/metrics" -> metrics(query(exchange.getRequestURI()));
                default -> LedgerText.object(ledger.verify().toJson());
            };
        } catch (BadRequest e) {
            sendJson(exchange, 400, Map.of("error", e.getMessage()));
            return;
        } catch (RuntimeException e) {
            sendJson(exchange, 500, Map.of("error", ErrorReporter.userMessage(e)));
            return;
        }
        sendJson(exchange, 200, body);
    }

    private Map<String, Object> metrics(final Map<String, String> query) {
        MetricsQuery metrics;
        try {
            metrics = MetricsQuery.of(query);
        } catch (ReleaseLedgerException e) {
            throw new BadRequest(e.getMessage());
        }
        return ledger.view().metrics(metrics);
    }

    /** The state with each environment's last notification outcome (docs/governance.md). */
    private Map<String, Object> stateWithNotifications() {
        LedgerView view = ledger.view();
        return NotificationOutcomes.withNotifications(view, view.state());
    }

    /** The state with the policy file's rules and what waits under them (docs/governance.md); a bad file is reported. */
    private Map<String, Object> withGovernance(final Map<String, Object> state) {
        Map<String, Object> json = new LinkedHashMap<>(state);
        try {
            json.put("governance", GovernanceState.of(ledger, PolicyFile.load(ledger.getDirectory()), Instant.now()));
        } catch (PolicyException e) {
            json.put("governance", Map.of("error", e.getMessage()));
        }
        return json;
    }

    private Map<String, Object> history(final Map<String, String> query) {
        String environment = query.get("environment");
        int page = number(query, "page", 0);
        int size = number(query, "size", 20);
        if (page < 0) {
            throw new BadRequest("page must be 0 or more");
        }
        if (size < 1) {
            throw new BadRequest("size must be 1 or more");
        }
        return ledger.view().history(environment == null || environment.isEmpty() ? null : environment, page,
                Math.min(size, HistoryCommand.MAX_SIZE));
    }

    private static int number(final Map<String, String> query, final String name, final int defaultValue) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a number");
        }
    }

    static Map<String, String> query(final URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                query.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed query: " + e.getMessage());
            }
        }
        return query;
    }

    /**
     * Whether a request's {@code Host} (with an optional port) is {@code localhost}, a 127.0.0.0/8 dotted quad,
     * {@code [::1]} or an allowed name. Only literals: {@code 127.evil.example} is a name anyone can point here.
     */
    static boolean allowedHost(final String header, final Set<String> allowedHosts) {
        if (header == null) {
            return false;
        }
        String host = header.strip().toLowerCase(Locale.ROOT);
        String name;
        String rest;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                return false;
            }
            name = host.substring(0, end + 1);
            rest = host.substring(end + 1);
        } else {
            int colon = host.indexOf(':');
            name = colon < 0 ? host : host.substring(0, colon);
            rest = colon < 0 ? "" : host.substring(colon);
        }
        if (!rest.isEmpty() && !(rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches())) {
            return false;
        }
        return name.equals("localhost") || name.equals("[::1]") || loopbackQuad(name)
                || allowedHosts.contains(name) || allowedHosts.contains(host);
    }

    private static boolean loopbackQuad(final String name) {
        Matcher quad = LOOPBACK_V4.matcher(name);
        if (!quad.matches()) {
            return false;
        }
        for (int group = 1; group <= 3; group++) {
            if (Integer.parseInt(quad.group(group)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static void setIfAbsent(final String property, final String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static void sendJson(final HttpExchange exchange, final int status, final Object body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, JSON, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(final HttpExchange exchange, final int status, final String contentType, final byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] resource(final String name) {
        try (InputStream in = ReleasesServer.class.getResourceAsStream(PAGE + name)) {
            if (in == null) {
                throw new IllegalStateException("the page's resource " + PAGE + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request the API refuses with 400. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(final String message) {
            super(message);
        }
    }
}
