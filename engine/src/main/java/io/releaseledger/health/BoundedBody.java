package io.releaseledger.health;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read to at most {@link #MAX_BYTES}: past the limit the checks read no further and close the
 * connection, so an endless or huge body costs neither memory nor the check's whole time budget. A body that went
 * past the limit is kept as its first {@code MAX_BYTES + 1} bytes ({@link #isCut}).
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** What a health endpoint, a heartbeat or an error page is expected to stay within: 1 MiB. */
    static final int MAX_BYTES = 1 << 20;

    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBody(final int limit) {
        this.limit = limit;
    }

    /** Bodies of at most {@link #MAX_BYTES} bytes (one more when cut). */
    static HttpResponse.BodyHandler<byte[]> handler() {
        return handler(MAX_BYTES);
    }

    static HttpResponse.BodyHandler<byte[]> handler(final int limit) {
        return info -> new BoundedBody(limit);
    }

    /** Whether the body went past the limit (and the read stopped there). */
    static boolean isCut(final byte[] body) {
        return body != null && body.length > MAX_BYTES;
    }

    /** "1 MiB", for messages. */
    static String describeLimit() {
        return (MAX_BYTES >> 20) + " MiB";
    }

    @Override
    public void onSubscribe(final Flow.Subscription given) {
        subscription = given;
        given.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(final List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), limit + 1 - bytes.size());
            byte[] chunk = new byte[take];
            buffer.get(chunk);
            bytes.write(chunk, 0, take);
            if (bytes.size() > limit) {
                body.complete(bytes.toByteArray());
                subscription.cancel(); // read no further: the client closes the connection
                return;
            }
        }
    }

    @Override
    public void onError(final Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
