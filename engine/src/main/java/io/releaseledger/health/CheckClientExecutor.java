package io.releaseledger.health;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every check's HTTP client runs its tasks on (connecting, parsing answers, completing the futures the
 * checks chain on), shared by the process. Without it each client has a cached pool of its own, and a burst of
 * exchanges starts a thread for nearly each of them: 200 checks at once started some 260 threads per run (issue 11),
 * paid again by every run because a run's clients are new. The tasks never block (the clients are asynchronous, the
 * checks' callbacks only judge an answer or send the next request), so as many threads as cores keep up; they end
 * when idle.
 */
final class CheckClientExecutor {
    private static final long IDLE_SECONDS = 30;

    private CheckClientExecutor() {
    }

    static ExecutorService get() {
        return Holder.POOL;
    }

    /** How many threads: the cores, at least 2 (one may be judging a large body while the other connects). */
    static int threads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    private static final class Holder {
        static final ExecutorService POOL = pool();

        private static ExecutorService pool() {
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads(), threads(), IDLE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), runnable -> {
                        Thread thread = new Thread(runnable, "release-ledger-http-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            pool.allowCoreThreadTimeOut(true); // an idle process (a Jenkins controller between builds) keeps none
            return pool;
        }
    }
}
