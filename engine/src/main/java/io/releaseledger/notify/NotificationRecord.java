package io.releaseledger.notify;

import io.releaseledger.ledger.EventTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger event that records how one notification round ended: {@code notification.sent} when every target got
 * it, {@code notification.failed} when any did not (docs/governance.md lists the data). It carries the ledger's facts
 * and the targets' safe names only: never a URL, a body, a recipient's address or a secret.
 */
public final class NotificationRecord {
    private final NotificationEvent event;
    private final List<NotificationDelivery> deliveries;

    public NotificationRecord(final NotificationEvent event, final List<NotificationDelivery> deliveries) {
        this.event = event;
        this.deliveries = List.copyOf(deliveries);
    }

    /** Nothing to record when no target wanted the event. */
    public boolean isEmpty() {
        return deliveries.isEmpty();
    }

    public boolean isFailed() {
        return deliveries.stream().anyMatch(delivery -> !delivery.isDelivered());
    }

    public String type() {
        return isFailed() ? EventTypes.NOTIFICATION_FAILED : EventTypes.NOTIFICATION_SENT;
    }

    /** {@code notified: 2 delivered}, or {@code notification failed: webhook ops (HTTP 500 after 3 attempts)}. */
    public String summary() {
        long delivered = deliveries.stream().filter(NotificationDelivery::isDelivered).count();
        if (!isFailed()) {
            return "notified: " + delivered + " delivered";
        }
        List<String> failed = deliveries.stream().filter(delivery -> !delivery.isDelivered())
                .map(NotificationDelivery::describe).toList();
        return "notification failed: " + String.join(", ", failed) + (delivered == 0 ? "" : "; " + delivered + " delivered");
    }

    /** The event's data: {@code event}, {@code application}, {@code version}, counts, {@code targets}, {@code summary}. */
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event", event.getKind().key());
        data.put("application", event.getApplication());
        data.put("version", event.getVersion());
        data.put("delivered", deliveries.stream().filter(NotificationDelivery::isDelivered).count());
        data.put("failed", deliveries.stream().filter(delivery -> !delivery.isDelivered()).count());
        List<Object> targets = new ArrayList<>();
        deliveries.forEach(delivery -> targets.add(delivery.toJson()));
        data.put("targets", targets);
        data.put("summary", summary());
        return data;
    }
}
