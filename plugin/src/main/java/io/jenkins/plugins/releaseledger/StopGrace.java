package io.jenkins.plugins.releaseledger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a deploy step open after Pipeline asks it to stop, until its thread has put the environment back and recorded
 * what happened, at most {@code bound}. Pipeline's own {@code SynchronousNonBlockingStepExecution.stop} interrupts
 * the thread and ends the step at once (the build is finished while the restore still runs, its log lines lost, and
 * the node block's clean-up kills the agent that restores); this one interrupts the thread once and lets the step end
 * when the thread ends, or when the bound is over. Jenkins-free.
 */
final class StopGrace {
    /** How long a stopped deploy may take to put its environment back before the step ends without it. */
    static final Duration BOUND = Duration.ofMinutes(5);

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "release-ledger-stop-grace");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration bound;
    private Thread worker;
    private Throwable cause;
    private boolean finished;
    private boolean overdue;

    StopGrace(final Duration bound) {
        this.bound = bound;
    }

    /**
     * The step's thread starts its work.
     *
     * @return the stop cause when the step was stopped before it started: then it must not start
     */
    synchronized Throwable enter() {
        worker = Thread.currentThread();
        return cause;
    }

    /**
     * Pipeline asks the step to stop. Returns at once (Pipeline gives {@code stop} 30 s on its VM thread).
     *
     * @param log     where to say what happens, for the build log
     * @param overdue completes the step with the cause when the bound is over and the thread still works
     * @return whether the step stays open until its thread ends; {@code false}: complete it now with the cause
     */
    synchronized boolean stop(final Throwable stopCause, final Consumer<String> log, final Runnable overdue) {
        if (finished) {
            return false;
        }
        if (cause != null) {
            log.accept("already stopping: the environment is being put back (the step ends when that is done, at "
                    + "the latest " + describe(bound) + " after the first stop)");
            return true;
        }
        cause = stopCause;
        if (worker == null) {
            return false;
        }
        log.accept("stopping: putting the environment back and recording what happened before the step ends (at "
                + "most " + describe(bound) + ")");
        worker.interrupt();
        TIMER.schedule(() -> expire(overdue), bound.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    private void expire(final Runnable overdue) {
        synchronized (this) {
            if (finished) {
                return;
            }
            this.overdue = true;
        }
        overdue.run();
    }

    /**
     * The step's thread ends.
     *
     * @return the stop cause the step must end with, {@code null} when it was not stopped
     */
    synchronized Throwable finish() {
        finished = true;
        return cause;
    }

    /** Whether the bound ran out and the step was completed without waiting for the thread. */
    synchronized boolean isOverdue() {
        return overdue;
    }

    /** Runs {@code task} on a thread of its own (it may take minutes), not on the caller's. */
    static void later(final Runnable task) {
        Thread thread = new Thread(task, "release-ledger-resume");
        thread.setDaemon(true);
        thread.start();
    }

    static String describe(final Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }
}
