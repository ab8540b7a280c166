package io.releaseledger.notify;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How one notification is delivered: tried again with a doubling wait until it is delivered, a problem is final, the
 * attempts are used up or the notification's deadline passes. The notifiers take it, so the retry policy lives here
 * once. What goes wrong is masked, since a transport's message may quote a webhook's URL or a server's answer.
 */
public final class Attempts {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final int maxAttempts;
    private final Duration firstBackoff;

    /** One try, given the time left before the deadline. */
    @FunctionalInterface
    interface Attempt {
        /** @return {@code null} when delivered, else the outcome that tells whether to try again */
        Problem run(Duration remaining) throws IOException, InterruptedException;
    }

    /** A try that did not deliver: {@code retry} unless trying again cannot help (e.g. HTTP 404). */
    static final class Problem {
        private final String text;
        private final boolean retry;

        private Problem(final String text, final boolean retry) {
            this.text = text;
            this.retry = retry;
        }

        static Problem retry(final String text) {
            return new Problem(text, true);
        }

        static Problem giveUp(final String text) {
            return new Problem(text, false);
        }
    }

    private Attempts(final int maxAttempts, final Duration firstBackoff) {
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
    }

    /** Up to {@code maxAttempts} attempts (at least one), waiting 500 ms before the second. */
    public static Attempts upTo(final int maxAttempts) {
        return new Attempts(Math.max(1, maxAttempts), FIRST_BACKOFF);
    }

    /** The wait before the second attempt, doubled before each further one (default 500 ms). */
    public Attempts withFirstBackoff(final Duration firstBackoff) {
        return new Attempts(maxAttempts, firstBackoff);
    }

    int getMaxAttempts() {
        return maxAttempts;
    }

    Duration getFirstBackoff() {
        return firstBackoff;
    }

    /**
     * @param deadline  {@link System#nanoTime()} by which it must be over
     * @param attempted counts the attempts made, for the ledger's record
     * @param masker    what to hide in a transport's message
     * @return {@code null} when delivered, else what went wrong last
     */
    String deliver(final Attempt attempt, final long deadline, final AtomicInteger attempted, final Masker masker) {
        Duration backoff = firstBackoff;
        String problem = "not attempted";
        for (int number = 1; number <= maxAttempts; number++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return problem + "; out of time after " + (number - 1) + " attempts";
            }
            attempted.incrementAndGet();
            try {
                Problem outcome = attempt.run(Duration.ofNanos(remaining));
                if (outcome == null) {
                    return null;
                }
                problem = outcome.text;
                if (!outcome.retry) {
                    return problem;
                }
            } catch (IOException | RuntimeException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + masker.mask(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            if (Thread.currentThread().isInterrupted()) {
                return "interrupted";
            }
            if (number < maxAttempts && !sleep(min(backoff, Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))))) {
                return "interrupted";
            }
            backoff = backoff.multipliedBy(2);
        }
        return problem + " after " + maxAttempts + " attempts";
    }

    static Duration min(final Duration a, final Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
