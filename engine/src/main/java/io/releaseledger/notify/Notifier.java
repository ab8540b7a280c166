package io.releaseledger.notify;

import java.util.List;

/**
 * Tells people what happened. Implementations never throw and return within their own bound: a notification that
 * fails or hangs must never fail or hold up a deploy.
 */
@FunctionalInterface
public interface Notifier {
    /** Sends nothing. */
    Notifier NONE = event -> { };

    void notify(NotificationEvent event);

    /**
     * Notifies as {@link #notify} does and says how each target fared, for the ledger. A notifier that cannot tell
     * returns nothing, and nothing is recorded.
     */
    default List<NotificationDelivery> send(final NotificationEvent event) {
        notify(event);
        return List.of();
    }
}
