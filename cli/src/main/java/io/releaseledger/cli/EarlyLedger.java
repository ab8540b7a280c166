package io.releaseledger.cli;

import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerKeys;
import io.releaseledger.report.Messages;
import io.releaseledger.report.PhaseTimings;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A ledger opened on a thread of its own while {@code tag} reads the history: {@link #take} gives it (or throws what
 * opening threw, as opening it then would have), {@link #closeUnused} closes it when the run did not take it.
 */
final class EarlyLedger {
    private final CompletableFuture<Ledger> opening;
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

    /** The open ledger, now the caller's to close. */
    Ledger take() {
        taken = true;
        long started = PhaseTimings.start();
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
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
            LedgerText.closeQuietly(opening.join());
        } catch (CompletionException e) {
            // Nothing was recorded and nothing reads it: the run's outcome is already decided.
        }
    }
}
