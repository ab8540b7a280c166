package io.releaseledger.cli;

import io.releaseledger.Futures;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerKeys;
import io.releaseledger.report.Messages;
import io.releaseledger.report.PhaseTimings;
import io.releaseledger.semver.SemverTagResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A ledger opened on a thread of its own while {@code tag} reads the history: {@link #take} gives it (or throws what
 * opening threw, as opening it then would have), {@link #closeUnused} closes it when the run did not take it.
 */
final class EarlyLedger {
    private final CompletableFuture<Ledger> opening;
    private volatile PendingTagEvent pending;
    private boolean taken;

    private EarlyLedger(final CompletableFuture<Ledger> opening) {
        this.opening = opening;
    }

    static EarlyLedger start(final Path root, final String application, final Supplier<LedgerKeys> keys,
            final Messages messages) {
        CompletableFuture<Ledger> opening = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                long started = PhaseTimings.start();
                Ledger ledger = Ledger.open(root, application, messages, keys.get());
                PhaseTimings.end("ledger: open (beside git)", started);
                opening.complete(ledger);
            } catch (RuntimeException | Error e) {
                opening.completeExceptionally(e);
            }
        }, "release-ledger-open");
        thread.setDaemon(true);
        thread.start();
        return new EarlyLedger(opening);
    }

    /**
     * Starts sealing the event of {@code told} (the result if the push about to start succeeds) beside the push; a
     * later call (a recomputed version pushed again) replaces it.
     */
    void sealBeside(final SemverTagResult told, final String repositoryUrl, final Map<String, String> environment) {
        PendingTagEvent before = pending;
        if (before != null) {
            before.await(); // one sealing at a time: its result is dropped, and two cores are all there are
        }
        pending = PendingTagEvent.start(told, opening, repositoryUrl, environment);
    }

    /** The event being sealed for the last push, or {@code null}. */
    PendingTagEvent pending() {
        return pending;
    }

    /** The open ledger, now the caller's to close. */
    Ledger take() {
        taken = true;
        long started = PhaseTimings.start();
        try {
            return Futures.join(opening);
        } finally {
            PhaseTimings.end("ledger: wait for the open", started);
        }
    }

    /** Waits for the open and closes the ledger, unless {@link #take} gave it away. */
    void closeUnused() {
        if (taken) {
            return;
        }
        taken = true;
        try {
            if (pending != null) {
                pending.await(); // a sealed event never written: dropped, nothing recorded
            }
            LedgerText.closeQuietly(opening.join());
        } catch (CompletionException e) {
            // Nothing was recorded and nothing reads it: the run's outcome is already decided.
        }
    }
}
