package io.releaseledger.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP request that must answer an expected status, and optionally a body that contains (or must not contain)
 * some text. The URL is a template with {@code {address}} and {@code {port}}; a template starting with {@code /}
 * means {@code http://{address}:{port}} and that path. Redirects are followed only on the same scheme, host and
 * port; a redirect elsewhere is judged as the answer itself. No proxy is used.
 *
 * <pre>{@code
 * new HttpCheck("/health").setExpectedStatus(200).setBodyContains("UP").setTimeout(Duration.ofSeconds(3));
 * }</pre>
 */
public final class HttpCheck implements HealthCheck {
    static final String KIND = "http";
    private static final int MAX_REDIRECTS = 5;
    private static final int DEFAULT_FIRST = 200;
    private static final int DEFAULT_LAST = 399;
    private static final int MAX_QUOTED = 80;
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
            Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
            Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"),
            Map.entry(308, "Permanent Redirect"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final String urlTemplate;
    private String name;
    private String method = "GET";
    private List<int[]> expected = List.of(new int[] {DEFAULT_FIRST, DEFAULT_LAST});
    private String bodyContains;
    private String bodyMustNotContain;
    private Duration timeout = Duration.ofSeconds(5);
    private volatile HttpClient client;

    /** @param urlTemplate {@code /health}, or a URL such as {@code http://{address}:{port}/health} */
    public HttpCheck(final String urlTemplate) {
        Objects.requireNonNull(urlTemplate, "urlTemplate");
        this.urlTemplate = urlTemplate.startsWith("/") ? "http://{address}:{port}" + urlTemplate : urlTemplate;
        String sample = Placeholders.fill(this.urlTemplate, new CheckTarget("127.0.0.1", 1, null, null));
        URI uri = parse(sample).orElseThrow(() -> new IllegalArgumentException(
                "'" + urlTemplate + "' is not a URL: write a path such as /health or http://{address}:{port}/health"));
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + urlTemplate + "' is not an http(s) URL");
        }
        this.name = KIND + " " + (urlTemplate.startsWith("/") ? urlTemplate : this.urlTemplate);
    }

    /** Replaces the name shown in results (default {@code http} and the URL template). */
    public HttpCheck setName(final String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The request method, {@code GET} by default; the request has no body. */
    public HttpCheck setMethod(final String method) {
        this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        return this;
    }

    /** The statuses that pass (default 200–399). */
    public HttpCheck setExpectedStatus(final int... statuses) {
        if (statuses.length == 0) {
            throw new IllegalArgumentException("at least one expected status");
        }
        List<int[]> ranges = new ArrayList<>();
        for (int status : statuses) {
            ranges.add(new int[] {status, status});
        }
        this.expected = List.copyOf(ranges);
        return this;
    }

    /** The statuses from {@code first} to {@code last}, both included, pass. */
    public HttpCheck setExpectedStatusRange(final int first, final int last) {
        if (first > last) {
            throw new IllegalArgumentException("empty status range " + first + "-" + last);
        }
        this.expected = List.of(new int[] {first, last});
        return this;
    }

    /** Text the body must contain; {@code null} for no such condition. */
    public HttpCheck setBodyContains(final String text) {
        this.bodyContains = text;
        return this;
    }

    /** Text the body must not contain; {@code null} for no such condition. */
    public HttpCheck setBodyMustNotContain(final String text) {
        this.bodyMustNotContain = text;
        return this;
    }

    /** The longest wait for one whole answer, connection included (default 5 s). */
    public HttpCheck setTimeout(final Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        this.client = null;
        return this;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getKind() {
        return KIND;
    }

    /** The URL template, with {@code {address}} and {@code {port}}. */
    public String getUrlTemplate() {
        return urlTemplate;
    }

    public Duration getTimeout() {
        return timeout;
    }

    @Override
    public CheckResult run(final CheckTarget target) {
        long start = System.nanoTime();
        String url = Placeholders.fill(urlTemplate, target);
        Optional<URI> parsed = parse(url);
        if (parsed.isEmpty()) {
            return CheckResult.failed(name, KIND, "'" + url + "' is not a valid URL", Durations.millisSince(start));
        }
        URI uri = parsed.get();
        String redirectNote = "";
        try {
            for (int redirects = 0;; redirects++) {
                HttpResponse<byte[]> response = send(uri, start);
                int status = response.statusCode();
                Optional<String> location = response.headers().firstValue("Location");
                if (isRedirect(status) && location.isPresent() && redirects < MAX_REDIRECTS) {
                    Optional<URI> next = parse(location.get()).map(uri::resolve);
                    if (next.isPresent() && sameOrigin(uri, next.get())) {
                        uri = next.get();
                        continue;
                    }
                    redirectNote = ", redirect to " + location.get() + " not followed";
                }
                return judge(status, response.body(), start, redirectNote);
            }
        } catch (HttpConnectTimeoutException e) {
            return failed(start, method + " " + uri + ": no connection within " + Durations.format(timeout));
        } catch (TimeoutException | HttpTimeoutException e) {
            return failed(start, method + " " + uri + ": no answer within " + Durations.format(timeout));
        } catch (ConnectException e) {
            return failed(start, method + " " + uri + ": connection refused");
        } catch (IOException e) {
            return failed(start, method + " " + uri + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, method + " " + uri + ": interrupted");
        }
    }

    private HttpResponse<byte[]> send(final URI uri, final long start)
            throws IOException, InterruptedException, TimeoutException {
        HttpRequest request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(timeout).header("User-Agent", "release-ledger-health-check").build();
        long leftNanos = timeout.toNanos() - (System.nanoTime() - start);
        CompletableFuture<HttpResponse<byte[]>> future =
                client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(Math.max(1, leftNanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            throw new IOException(String.valueOf(cause), cause);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private CheckResult judge(final int status, final byte[] body, final long start, final String note) {
        long millis = Durations.millisSince(start);
        if (!expects(status)) {
            return CheckResult.failed(name, KIND, "expected " + expectedText() + ", got " + statusText(status)
                    + " in " + millis + " ms" + note, millis);
        }
        if (bodyContains != null || bodyMustNotContain != null) {
            String text = new String(body, StandardCharsets.UTF_8);
            if (bodyContains != null && !text.contains(bodyContains)) {
                return CheckResult.failed(name, KIND, statusText(status) + " in " + millis
                        + " ms, but the body does not contain \"" + bodyContains + "\": " + quote(text), millis);
            }
            if (bodyMustNotContain != null && text.contains(bodyMustNotContain)) {
                return CheckResult.failed(name, KIND, statusText(status) + " in " + millis
                        + " ms, but the body contains \"" + bodyMustNotContain + "\": " + quote(text), millis);
            }
        }
        return CheckResult.passed(name, KIND, statusText(status) + " in " + millis + " ms" + note, millis);
    }

    private CheckResult failed(final long start, final String detail) {
        return CheckResult.failed(name, KIND, detail, Durations.millisSince(start));
    }

    private boolean expects(final int status) {
        return expected.stream().anyMatch(range -> status >= range[0] && status <= range[1]);
    }

    private String expectedText() {
        List<String> parts = new ArrayList<>();
        for (int[] range : expected) {
            parts.add(range[0] == range[1] ? Integer.toString(range[0]) : range[0] + "-" + range[1]);
        }
        return String.join(" or ", parts);
    }

    private static String statusText(final int status) {
        String reason = REASONS.get(status);
        return reason == null ? Integer.toString(status) : status + " " + reason;
    }

    private static String quote(final String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return "\"" + (line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "…" : line) + "\"";
    }

    private static String describe(final IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static boolean isRedirect(final int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(final URI from, final URI to) {
        return from.getScheme().equalsIgnoreCase(String.valueOf(to.getScheme()))
                && from.getHost().equalsIgnoreCase(String.valueOf(to.getHost())) && port(from) == port(to);
    }

    private static int port(final URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Optional<URI> parse(final String url) {
        try {
            return Optional.of(new URI(url));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            current = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                    .proxy(HttpClient.Builder.NO_PROXY).version(HttpClient.Version.HTTP_1_1).build();
            client = current;
        }
        return current;
    }

    @Override
    public String toString() {
        return name;
    }
}
