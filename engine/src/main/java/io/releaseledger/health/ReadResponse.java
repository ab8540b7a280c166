package io.releaseledger.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** An answer as the body subscriber saw it once the body was read: status, headers and (bounded) body. */
final class ReadResponse implements HttpResponse<byte[]> {
    private final HttpRequest request;
    private final HttpResponse.ResponseInfo info;
    private final byte[] body;

    ReadResponse(final HttpRequest request, final HttpResponse.ResponseInfo info, final byte[] body) {
        this.request = request;
        this.info = info;
        this.body = body;
    }

    @Override
    public int statusCode() {
        return info.statusCode();
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
        return Optional.empty(); // the checks' clients follow no redirect themselves
    }

    @Override
    public HttpHeaders headers() {
        return info.headers();
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty(); // not read by any check
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return info.version();
    }
}
