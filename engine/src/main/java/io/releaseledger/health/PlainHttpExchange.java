package io.releaseledger.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** One request of {@link PlainHttp} and its answer as it is read; touched only by the loop's thread once sent. */
final class PlainHttpExchange {
    final CheckClient client;
    final HttpRequest request;
    final long deadlineNanos;
    final String host;
    final int port;
    final String origin;
    final byte[] requestBytes;
    final PlainHttpAnswer answer;
    final CompletableFuture<HttpResponse<byte[]>> result = new CompletableFuture<>();
    PlainHttp.Connection connection;
    boolean reused;

    PlainHttpExchange(final CheckClient client, final HttpRequest request, final long deadlineNanos) {
        this.client = client;
        this.request = request;
        this.deadlineNanos = deadlineNanos;
        URI uri = request.uri();
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.origin = host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
        this.requestBytes = PlainHttp.requestBytes(request);
        this.answer = new PlainHttpAnswer("HEAD".equals(request.method()));
    }

    /** The answer read: status, headers and the bounded body, as the JDK client's body handler would hand them. */
    void complete() {
        HttpHeaders headers = answer.headers();
        int status = answer.status();
        HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
        result.complete(new ReadResponse(request, info, answer.body()));
    }

    /**
     * A kept-alive connection the server had closed before a byte of the answer came: the request may not have been
     * read at all, so an idempotent one can be sent again ({@link Http#isStaleConnection}).
     */
    static final class StaleConnectionException extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnectionException() {
            super("a kept-alive connection was closed by the server before the answer (received no bytes)");
        }
    }
}
