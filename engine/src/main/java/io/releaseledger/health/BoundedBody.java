package io.releaseledger.health;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
    private final Consumer<byte[]> whenRead;
    private Flow.Subscription subscription;

    private BoundedBody(final int limit, final Consumer<byte[]> whenRead) {
        this.limit = limit;
        this.whenRead = whenRead;
    }

    /** Bodies of at most {@link #MAX_BYTES} bytes (one more when cut). */
    static HttpResponse.BodyHandler<byte[]> handler() {
        return handler(MAX_BYTES);
    }

    static HttpResponse.BodyHandler<byte[]> handler(final int limit) {
        return info -> new BoundedBody(limit, read -> { });
    }

    /**
     * Bodies of at most {@link #MAX_BYTES} bytes, handed to {@code whenRead} with the status and headers as soon as
     * the body is read, on the client's thread that read it (the future {@code sendAsync} returns completes later,
     * after a hand-off of its own).
     */
    static HttpResponse.BodyHandler<byte[]> handler(final BiConsumer<HttpResponse.ResponseInfo, byte[]> whenRead) {
        return info -> new BoundedBody(MAX_BYTES, read -> whenRead.accept(info, read));
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
                byte[] cut = bytes.toByteArray();
                whenRead.accept(cut); // first: completing the body lets the client complete its own future
                body.complete(cut);
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
        if (body.isDone()) {
            return; // cut: handed over already
        }
        byte[] read = bytes.toByteArray();
        whenRead.accept(read); // first: completing the body lets the client complete its own future
        body.complete(read);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
