package io.releaseledger.notify;

import java.util.ArrayList;
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
        return new Together(told);
    }

    /** Sends with every notifier at once and gathers how their targets fared. */
    private static final class Together implements Notifier {
        private final List<Notifier> notifiers;

        Together(final List<Notifier> notifiers) {
            this.notifiers = notifiers;
        }

        @Override
        public void notify(final NotificationEvent event) {
            send(event);
        }

        @Override
        public List<NotificationDelivery> send(final NotificationEvent event) {
            // a notifier that breaks its promise and throws must still not fail the deploy
            List<CompletableFuture<List<NotificationDelivery>>> sending = notifiers.stream()
                    .map(notifier -> CompletableFuture.supplyAsync(() -> notifier.send(event), RUNNERS)
                            .exceptionally(failure -> List.of()))
                    .toList();
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();
            List<NotificationDelivery> deliveries = new ArrayList<>();
            sending.forEach(future -> deliveries.addAll(future.join()));
            return deliveries;
        }
    }
}
