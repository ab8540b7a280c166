package io.releaseledger.notify;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Several notifiers as one: they run side by side, so the slowest one's bound is the bound of all. */
public final class Notifiers {
    private static final ExecutorService RUNNERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "release-ledger-notify");
        thread.setDaemon(true);
        return thread;
    });

    private Notifiers() {
    }

    /** {@link Notifier#NONE} for none, the one itself for one. */
    public static Notifier all(final List<Notifier> notifiers) {
        List<Notifier> told = notifiers.stream().filter(notifier -> notifier != Notifier.NONE).toList();
        if (told.isEmpty()) {
            return Notifier.NONE;
        }
        if (told.size() == 1) {
            return told.get(0);
        }
        // a notifier that breaks its promise and throws must still not fail the deploy
        return event -> CompletableFuture.allOf(told.stream()
                .map(notifier -> CompletableFuture.runAsync(() -> notifier.notify(event), RUNNERS)
                        .exceptionally(failure -> null))
                .toArray(CompletableFuture[]::new)).join();
    }
}
