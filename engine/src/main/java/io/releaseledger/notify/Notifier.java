package io.releaseledger.notify;

/**
 * Tells people what happened. Implementations never throw and return within their own bound: a notification that
 * fails or hangs must never fail or hold up a deploy.
 */
@FunctionalInterface
public interface Notifier {
    /** Sends nothing. */
    Notifier NONE = event -> { };

    void notify(NotificationEvent event);
}
