package io.releaseledger.ledger;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the ledger's file I/O on threads that nobody interrupts. An interrupt of a thread inside a
 * {@link java.nio.channels.FileChannel} operation closes the channel for every user ({@code ClosedByInterruptException},
 * then {@code ClosedChannelException}) and aborts a {@code FileChannel.lock()} ({@code FileLockInterruptionException}):
 * a build aborted while it records would otherwise lose its events, leave its lock held and break the journal for
 * the whole process. The caller waits for the I/O to end, interrupted or not, and keeps its interrupt flag.
 */
final class LedgerIo {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new IoThread(task, "release-ledger-io-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private LedgerIo() {
    }

    /**
     * Runs {@code body} on an I/O thread (directly when already on one) and returns its result or throws what it
     * threw. An interrupt of the calling thread meanwhile does not stop the I/O; the flag is set again on return.
     */
    static <T> T call(final Supplier<T> body) {
        if (Thread.currentThread() instanceof IoThread) {
            return body.get();
        }
        Future<T> result = THREADS.submit(body::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link #call} for a body without result. */
    static void run(final Runnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    /** Marks the threads whose interrupt flag nobody sets, so nested calls run in place. */
    private static final class IoThread extends Thread {
        IoThread(final Runnable task, final String name) {
            super(task, name);
        }
    }
}
