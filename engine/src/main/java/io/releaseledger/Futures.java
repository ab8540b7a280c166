package io.releaseledger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for a task run on another thread as if it had run on this one. */
public final class Futures {
    private Futures() {
    }

    /**
     * {@link CompletableFuture#join()}, but what the task threw unchecked (an exception or an error) is thrown as it
     * was, not wrapped in a {@link CompletionException}.
     */
    public static <T> T join(final CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
