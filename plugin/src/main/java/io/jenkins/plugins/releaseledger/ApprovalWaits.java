package io.jenkins.plugins.releaseledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import jenkins.util.Timer;

/**
 * Where steps wait for approvals on this controller. Deploy and promote steps inside {@code node} wait in their thread
 * ({@link #await}); {@code awaitApproval} waits without a thread: it registers a watcher ({@link #watch}), which looks
 * at the ledger again on the scheduler when a decision on its environment is recorded from the Releases page, and
 * every minute for approvals recorded elsewhere (the CLI, another controller). Jenkins-free but for the default
 * scheduler, {@code jenkins.util.Timer}.
 */
final class ApprovalWaits {
    /** How often waiting steps look again without a wake-up (approvals from the CLI, another controller). */
    static final long RECHECK_MILLIS = 60_000;

    private static final ApprovalWaits INSTANCE = new ApprovalWaits(Timer::get, RECHECK_MILLIS);

    private final Map<String, Long> generations = new HashMap<>();
    private final Map<String, Set<Runnable>> watchers = new HashMap<>();
    private final Supplier<ScheduledExecutorService> scheduler;
    private final long recheckMillis;
    private ScheduledFuture<?> recheck;

    ApprovalWaits() {
        this(Timer::get, RECHECK_MILLIS);
    }

    /** @param scheduler where watchers look (tests give their own; Jenkins' is {@code Timer.get()}) */
    ApprovalWaits(final Supplier<ScheduledExecutorService> scheduler, final long recheckMillis) {
        this.scheduler = scheduler;
        this.recheckMillis = recheckMillis;
    }

    static ApprovalWaits get() {
        return INSTANCE;
    }

    /** The current generation of the environment's decisions: read it before asking the ledger, then {@link #await}. */
    synchronized long generation(final String application, final String environment) {
        return generations.getOrDefault(key(application, environment), 0L);
    }

    /**
     * Waits until a decision newer than {@code seen} is recorded for the environment, or {@code maxMillis} passed (the
     * CLI or another controller may record approvals too, so the step looks again from time to time).
     *
     * @throws InterruptedException when the step is stopped
     */
    synchronized void await(final String application, final String environment, final long seen, final long maxMillis)
            throws InterruptedException {
        long end = System.nanoTime() + maxMillis * 1_000_000L;
        while (generation(application, environment) == seen) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    /**
     * Registers a step that waits without a thread and has it look once now. It looks again on every decision on the
     * environment and every {@link #RECHECK_MILLIS} until {@link #unwatch}. A look must not throw and should be quick.
     */
    void watch(final String application, final String environment, final Runnable look) {
        synchronized (this) {
            watchers.computeIfAbsent(key(application, environment), key -> new LinkedHashSet<>()).add(look);
            if (recheck == null || recheck.isDone()) { // none yet, or Jenkins' timer was replaced (a restart in tests)
                recheck = scheduler.get().scheduleWithFixedDelay(this::lookAll, recheckMillis, recheckMillis,
                        TimeUnit.MILLISECONDS);
            }
        }
        scheduler.get().execute(look);
    }

    /** The step is done (approved, rejected, stopped): it looks no more. */
    synchronized void unwatch(final String application, final String environment, final Runnable look) {
        String key = key(application, environment);
        Set<Runnable> own = watchers.get(key);
        if (own != null && own.remove(look) && own.isEmpty()) {
            watchers.remove(key);
        }
    }

    /** How many steps wait without a thread on the environment. */
    synchronized int watching(final String application, final String environment) {
        return watchers.getOrDefault(key(application, environment), Set.of()).size();
    }

    /** A decision was recorded: every step waiting on the environment asks the ledger again. */
    void wake(final String application, final String environment) {
        List<Runnable> looks;
        synchronized (this) {
            generations.merge(key(application, environment), 1L, Long::sum);
            notifyAll();
            looks = new ArrayList<>(watchers.getOrDefault(key(application, environment), Set.of()));
        }
        looks.forEach(look -> scheduler.get().execute(look));
    }

    private void lookAll() {
        List<Runnable> looks = new ArrayList<>();
        synchronized (this) {
            watchers.values().forEach(looks::addAll);
        }
        for (Runnable look : looks) {
            try {
                look.run();
            } catch (RuntimeException e) { // one broken look must not end the recheck of the others
                java.util.logging.Logger.getLogger(ApprovalWaits.class.getName()).log(java.util.logging.Level.WARNING,
                        "A step waiting for approvals could not look at the ledger", e);
            }
        }
    }

    private static String key(final String application, final String environment) {
        return application + '\u0000' + environment;
    }
}
