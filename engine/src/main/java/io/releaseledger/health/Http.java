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
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * What the http, denies and heartbeat checks share: the client, one bounded exchange (in time, and in size: bodies are
 * read to at most {@link BoundedBody#MAX_BYTES}), and failure texts.
 */
final class Http {
    static final String USER_AGENT = "release-ledger-check";
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
            Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
            Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"),
            Map.entry(308, "Permanent Redirect"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    /**
     * How long after the deadline the JDK client may take to report its own timeout, which tells a connection not
     * made from an answer not given; at the deadline it is already due.
     */
    static final long VERDICT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private Http() {
    }

    /**
     * No proxy (checks reach the servers themselves), no redirects (the checks decide), HTTP/1.1, and the
     * {@link CheckClientExecutor}'s few threads instead of a pool of the client's own.
     */
    static HttpClient client(final Duration timeout, final SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1).executor(CheckClientExecutor.get());
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        return builder.build();
    }

    /** Sends and waits at most until {@code start + timeout} (and a moment), whatever the server does. */
    static HttpResponse<byte[]> send(final CheckClient client, final HttpRequest request, final Duration timeout,
            final long start) throws IOException, InterruptedException, TimeoutException {
        long leftNanos = timeout.toNanos() - (System.nanoTime() - start);
        CompletableFuture<HttpResponse<byte[]>> future = sendAsync(client, request, timeout, start);
        try {
            // the exchange ends at its deadline itself, saying whether the connection or the answer was missing
            return future.get(Math.max(1, leftNanos) + VERDICT_GRACE_NANOS + TimeUnit.SECONDS.toNanos(1),
                    TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof TimeoutException) {
                throw (TimeoutException) cause; // the exchange's own deadline
            }
            throw new IOException(String.valueOf(cause), cause);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /**
     * Sends without a thread waiting: the future completes with the response, or exceptionally (the client's
     * exception, such as its {@link HttpConnectTimeoutException} when no connection was made by
     * {@code start + timeout}, or a {@link TimeoutException} when the answer did not come by then, whatever the
     * server does). Cancelling it, or its timeout, abandons the exchange.
     *
     * <p>It completes as soon as the body is read, on the client's executor: the future the JDK returns is completed
     * through {@code CompletableFuture}'s default executor, which on a machine of two cores or fewer starts a new
     * thread for each exchange, so waiting for it put a thread start behind every answer (issue 11). That future
     * still reports the failures (no answer, refused, a connection closed before the answer). Once the body is read
     * it is cancelled without interrupting, before the JDK completes it: its hand-off then never runs (no thread is
     * started for it), while the exchange ends normally and its connection stays open for the next check.
     *
     * <p>Plain {@code http://} requests (no body) go through {@link PlainHttp} instead: one selector thread, no JDK
     * exchange to set up (issue 11); https stays on the JDK client.
     */
    static CompletableFuture<HttpResponse<byte[]>> sendAsync(final CheckClient client, final HttpRequest request,
            final Duration timeout, final long start) {
        if (PlainHttp.handles(request)) {
            return PlainHttp.sendAsync(client, request, start + timeout.toNanos());
        }
        long leftNanos = Math.max(1, timeout.toNanos() - (System.nanoTime() - start));
        CompletableFuture<HttpResponse<byte[]>> out = new CompletableFuture<>();
        AtomicReference<CompletableFuture<HttpResponse<byte[]>>> handOff = new AtomicReference<>();
        AtomicBoolean answered = new AtomicBoolean();
        HttpResponse.BodyHandler<byte[]> bounded = BoundedBody.handler((info, body) -> {
            out.complete(new ReadResponse(request, info, body)); // first: cancelling reaches the failure path below
            CompletableFuture<HttpResponse<byte[]>> jdk = handOff.get();
            if (jdk != null) {
                jdk.cancel(false); // not true: that would abort the exchange and close its connection
            }
        });
        // the request's own timeout, as the time left: the client's timer then says "connect timed out" when the
        // connection is not made by the deadline, and "request timed out" when the answer is missing
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(Duration.ofNanos(leftNanos)).build();
        CompletableFuture<HttpResponse<byte[]>> sent = client.jdk().sendAsync(timed, info -> {
            answered.set(true); // the status and headers came: the client's timer is off, the body is ours to time
            return bounded.apply(info);
        });
        handOff.set(sent);
        sent.whenComplete((response, failure) -> {
            if (failure == null) {
                out.complete(response);
            } else {
                out.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        });
        CompletableFuture<Void> deadline = new CompletableFuture<Void>().completeOnTimeout(null, leftNanos,
                TimeUnit.NANOSECONDS);
        deadline.thenRun(() -> {
            if (answered.get()) {
                out.completeExceptionally(new TimeoutException("no answer before the deadline"));
            } else {
                // the client's own timer is due now and says which was missing; this only backs it up
                out.orTimeout(VERDICT_GRACE_NANOS, TimeUnit.NANOSECONDS);
            }
        });
        out.whenComplete((response, failure) -> {
            deadline.cancel(false);
            if (failure != null && !sent.isDone()) {
                sent.cancel(true); // timed out or cancelled: the exchange is abandoned
            }
        });
        return out;
    }

    /**
     * Whether the exchange failed because the connection was closed before a single byte of the answer came: the
     * JDK client reused a kept-alive connection the server had just closed. Safe to send an idempotent request again.
     */
    static boolean isStaleConnection(final Throwable failure) {
        return failure instanceof PlainHttpExchange.StaleConnectionException || failure instanceof IOException && String.valueOf(failure.getMessage()).contains("received no bytes");
    }

    /** A failure of an exchange as an exception for {@link #failure}. */
    static Exception asException(final Throwable failure) {
        return failure instanceof Exception ? (Exception) failure : new IOException(String.valueOf(failure), failure);
    }

    /** Why an exchange failed, in words: refused, timed out, TLS, or the exception. */
    static String failure(final Exception e, final Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + Durations.format(timeout);
        }
        if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
            return "no answer within " + Durations.format(timeout);
        }
        if (isUnresolved(e)) {
            return "cannot resolve the host name";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SSLException || e.getCause() instanceof SSLException) {
            SSLException ssl = e instanceof SSLException ? (SSLException) e : (SSLException) e.getCause();
            return "TLS failed: " + ssl.getMessage();
        }
        if (e instanceof InterruptedException) {
            return "interrupted";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** java.net.http reports an unknown host as a ConnectException caused by an UnresolvedAddressException. */
    private static boolean isUnresolved(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.channels.UnresolvedAddressException
                    || cause instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    static String statusText(final int status) {
        String reason = REASONS.get(status);
        return reason == null ? Integer.toString(status) : status + " " + reason;
    }

    static boolean isRedirect(final int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static Optional<URI> parse(final String url) {
        try {
            return Optional.of(new URI(url));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A URL template ({@code /path} meaning {@code http://{address}:{port}/path}), checked to be http(s). */
    static String template(final String urlTemplate) {
        String template = urlTemplate.startsWith("/") ? "http://{address}:{port}" + urlTemplate : urlTemplate;
        String sample = Placeholders.fill(template, new CheckTarget("127.0.0.1", 1, null, null));
        URI uri = parse(sample).orElseThrow(() -> new IllegalArgumentException(
                "'" + urlTemplate + "' is not a URL: write a path such as /health or http://{address}:{port}/health"));
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + urlTemplate + "' is not an http(s) URL");
        }
        return template;
    }

    static boolean usesTarget(final String template) {
        return template.contains("{address}") || template.contains("{port}");
    }
}
