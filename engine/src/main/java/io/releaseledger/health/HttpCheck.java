package io.releaseledger.health;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * An HTTP request that must answer an expected status, and optionally a body that contains or matches some text,
 * contains none of the forbidden strings, has JSON fields of given values, headers of given values, and comes within
 * a latency budget. The URL is a template with {@code {address}} and {@code {port}}; a template starting with
 * {@code /} means {@code http://{address}:{port}} and that path. Redirects are followed only on the same scheme, host
 * and port; a redirect elsewhere is judged as the answer itself. No proxy is used. Secrets (a token header, basic
 * auth) are masked in every result.
 *
 * <pre>{@code
 * new HttpCheck("/health").setExpectedStatus(200).setBodyContains("UP").setTimeout(Duration.ofSeconds(3));
 * }</pre>
 */
public final class HttpCheck implements AsyncHealthCheck {
    static final String KIND = "http";
    private static final int MAX_REDIRECTS = 5;
    private static final int DEFAULT_FIRST = 200;
    private static final int DEFAULT_LAST = 399;
    private static final int MAX_QUOTED = 80;
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS");

    private final String urlTemplate;
    private String name;
    private boolean named;
    private String method = "GET";
    private List<int[]> expected = List.of(new int[] {DEFAULT_FIRST, DEFAULT_LAST});
    private final ResponseRules rules = new ResponseRules();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> secretHeaders = new LinkedHashMap<>();
    private SecretMask mask = SecretMask.none();
    private Duration timeout = Duration.ofSeconds(5);
    private SSLContext ssl;
    private volatile CheckClient client;

    /** @param urlTemplate {@code /health}, or a URL such as {@code http://{address}:{port}/health} */
    public HttpCheck(final String urlTemplate) {
        Objects.requireNonNull(urlTemplate, "urlTemplate");
        this.urlTemplate = Http.template(urlTemplate);
        this.name = KIND + " " + (urlTemplate.startsWith("/") ? urlTemplate : this.urlTemplate);
    }

    /** Replaces the name shown in results (default {@code http} and the URL template). */
    public HttpCheck setName(final String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.named = true;
        return this;
    }

    /** The request method, {@code GET} by default; the request has no body. */
    public HttpCheck setMethod(final String method) {
        this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        return this;
    }

    /** A request header that is not a secret. */
    public HttpCheck setHeader(final String header, final String value) {
        headers.put(Objects.requireNonNull(header, "header"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** A request header carrying a secret, such as {@code Authorization: Bearer …}; {@code secret} is masked. */
    public HttpCheck setSecretHeader(final String header, final String prefix, final String secret) {
        secretHeaders.put(Objects.requireNonNull(header, "header"), prefix + Objects.requireNonNull(secret, "secret"));
        mask = mask.and(new SecretMask(List.of(secret)));
        return this;
    }

    /** Basic authentication; the password (and its encoded header) is masked. */
    public HttpCheck setBasicAuth(final String user, final String password) {
        String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        secretHeaders.put("Authorization", "Basic " + encoded);
        mask = mask.and(SecretMask.basicAuth(user, password));
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

    /** Text the body must contain; {@code null} adds no condition. May be called for several texts. */
    public HttpCheck setBodyContains(final String text) {
        if (text != null) {
            rules.contains.add(text);
        }
        return this;
    }

    /** A regular expression the body must match somewhere. May be called for several. */
    public HttpCheck setBodyMatches(final Pattern pattern) {
        rules.matches.add(Objects.requireNonNull(pattern, "pattern"));
        return this;
    }

    /** Text the body must not contain (case-insensitive); {@code null} adds no condition. */
    public HttpCheck setBodyMustNotContain(final String text) {
        if (text != null) {
            rules.mustNotContain.add(text);
        }
        return this;
    }

    /** Texts no body may contain (case-insensitive), such as the descriptor's forbidden strings; default none. */
    public HttpCheck setForbiddenStrings(final List<String> strings) {
        rules.forbidden = List.copyOf(strings);
        return this;
    }

    /** The JSON body's value at {@code pointer} must be {@code value} (text bare, anything else as JSON). */
    public HttpCheck setJsonEquals(final String pointer, final String value) {
        if (!JsonPointer.isValid(pointer)) {
            throw new IllegalArgumentException("'" + pointer + "' is not a JSON Pointer such as /status");
        }
        rules.jsonEquals.put(pointer, Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The response header must have this value. */
    public HttpCheck setHeaderEquals(final String header, final String value) {
        rules.headerEquals.put(Objects.requireNonNull(header, "header"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The whole answer must come within this time, or the check fails although it answered. */
    public HttpCheck setLatencyBudget(final Duration budget) {
        rules.latency = budget;
        return this;
    }

    /** Trust this CA (PEM or DER file) besides the system's; host names are still verified. */
    public HttpCheck setCaFile(final Path caFile) {
        this.ssl = TlsContexts.withCa(caFile);
        this.client = null;
        return this;
    }

    /** {@code false} accepts any certificate for any host name (default {@code true}). */
    public HttpCheck setVerifyTls(final boolean verify) {
        this.ssl = verify ? null : TlsContexts.trustingEverything();
        this.client = null;
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
    public boolean usesTarget() {
        return Http.usesTarget(urlTemplate);
    }

    @Override
    public CheckResult run(final CheckTarget target) {
        long start = System.nanoTime();
        CompletableFuture<CheckResult> future = runAsync(target);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failed(start, method + " " + Placeholders.fill(urlTemplate, target) + ": interrupted").masked(mask);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The exchange (and the same-origin redirects it follows) without a thread waiting on it: the client's
     * selector does the waiting. The result comes within the timeout; cancelling the future abandons the exchange.
     */
    @Override
    public CompletableFuture<CheckResult> runAsync(final CheckTarget target) {
        long start = System.nanoTime();
        String url = Placeholders.fill(urlTemplate, target);
        Optional<URI> parsed = Http.parse(url);
        if (parsed.isEmpty()) {
            return CompletableFuture.completedFuture(CheckResult.failed(name, KIND, "'" + url
                    + "' is not a valid URL", Durations.millisSince(start)).masked(mask));
        }
        Exchange exchange = new Exchange(client(), start);
        exchange.send(parsed.get(), 0, false);
        // A default name shows the URL checked, not its template ("http http://{address}:{port}/health").
        if (named || !name.contains("{")) {
            return exchange.result;
        }
        CompletableFuture<CheckResult> shown = exchange.result.thenApply(result -> result.withName(KIND + " " + url));
        shown.whenComplete((result, failure) -> { // cancelling what the caller holds still abandons the exchange
            if (failure instanceof java.util.concurrent.CancellationException) {
                exchange.result.cancel(true);
            }
        });
        return shown;
    }

    /** One attempt: its requests one after another (redirects), the one in flight cancelled with the attempt. */
    private final class Exchange {
        final CompletableFuture<CheckResult> result = new CompletableFuture<>();
        final CheckClient client;
        final long start;
        volatile CompletableFuture<HttpResponse<byte[]>> inFlight;

        Exchange(final CheckClient client, final long start) {
            this.client = client;
            this.start = start;
            result.whenComplete((done, failure) -> {
                CompletableFuture<HttpResponse<byte[]>> current = inFlight;
                if (result.isCancelled() && current != null) {
                    current.cancel(true);
                }
            });
        }

        void send(final URI uri, final int redirects, final boolean resent) {
            if (result.isDone()) {
                return;
            }
            CompletableFuture<HttpResponse<byte[]>> future;
            try {
                future = Http.sendAsync(client, request(uri), timeout, start);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            inFlight = future;
            if (result.isDone()) {
                future.cancel(true);
                return;
            }
            future.whenComplete((response, failure) -> {
                try {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        if (!resent && Http.isStaleConnection(cause) && IDEMPOTENT.contains(method)) {
                            // a kept-alive connection the server had just closed (clients are shared, so their
                            // connections are reused): once more, on a new connection, within the same timeout
                            send(uri, redirects, true);
                            return;
                        }
                        result.complete(failed(start, method + " " + uri + ": " + Http.failure(Http.asException(
                                cause), timeout)).masked(mask));
                        return;
                    }
                    int status = response.statusCode();
                    Optional<String> location = response.headers().firstValue("Location");
                    String redirectNote = "";
                    if (Http.isRedirect(status) && location.isPresent() && redirects < MAX_REDIRECTS) {
                        Optional<URI> next = Http.parse(location.get()).map(uri::resolve);
                        if (next.isPresent() && sameOrigin(uri, next.get())) {
                            send(next.get(), redirects + 1, false);
                            return;
                        }
                        redirectNote = ", redirect to " + location.get() + " not followed";
                    }
                    result.complete(judge(response, start, redirectNote).masked(mask));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        }
    }

    private HttpRequest request(final URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(timeout).header("User-Agent", Http.USER_AGENT);
        headers.forEach(request::header);
        secretHeaders.forEach(request::setHeader);
        return request.build();
    }

    private CheckResult judge(final HttpResponse<byte[]> response, final long start, final String note) {
        long millis = Durations.millisSince(start);
        int status = response.statusCode();
        String answer = Http.statusText(status) + " in " + millis + " ms";
        if (!expects(status)) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            return CheckResult.failed(name, KIND, "expected " + expectedText() + ", got " + answer + note, millis)
                    .withExpected("status " + expectedText())
                    .withActual(Http.statusText(status) + (body.isBlank() ? "" : ": " + body));
        }
        Optional<ResponseRules.Verdict> verdict = rules.judge(response.headers(), response.body(), millis);
        if (verdict.isPresent()) {
            // Masked before the quote cuts it: a cut secret would escape the mask.
            return CheckResult.failed(name, KIND, answer + ", but " + verdict.get().detail + ": "
                    + quote(mask.apply(verdict.get().actual)) + note, millis)
                    .withExpected(verdict.get().expected).withActual(verdict.get().actual);
        }
        return CheckResult.passed(name, KIND, answer + note, millis);
    }

    private CheckResult failed(final long start, final String detail) {
        return CheckResult.failed(name, KIND, detail, Durations.millisSince(start)).withExpected("status "
                + expectedText()).withActual(detail.substring(detail.indexOf(": ") + 2));
    }

    private static String quote(final String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return "\"" + (line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "…" : line) + "\"";
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

    private static boolean sameOrigin(final URI from, final URI to) {
        return from.getScheme().equalsIgnoreCase(String.valueOf(to.getScheme()))
                && from.getHost().equalsIgnoreCase(String.valueOf(to.getHost())) && port(from) == port(to);
    }

    private static int port(final URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Uses one client of {@code clients} (shared with the other checks of the same timeout and TLS settings) instead
     * of a client of its own. An https check builds its JDK client now, not inside the first attempt; a plain http
     * check needs none. Call it after the timeout and TLS settings; changing them afterwards goes back to a client of
     * its own.
     */
    public HttpCheck shareClient(final HttpClients clients) {
        CheckClient shared = clients.get(timeout, ssl);
        if (urlTemplate.regionMatches(true, 0, "https:", 0, "https:".length())) {
            shared.jdk(); // redirects are followed on the same scheme only: a plain http check never needs it
        }
        this.client = shared;
        return this;
    }

    private CheckClient client() {
        CheckClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = new CheckClient(timeout, ssl);
                    client = current;
                }
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return name;
    }
}
