package io.releaseledger.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one target fared with one event: its kind ({@code webhook}, {@code mail}) and a name that is safe to record (a
 * webhook's name, never its URL; for mail the number of recipients, never their addresses), whether it was delivered,
 * after how many attempts, and why not, masked and short.
 */
public final class NotificationDelivery {
    /** A reason longer than this is cut: the ledger keeps an outcome, not a stack trace. */
    static final int MAX_REASON = 160;

    private final String kind;
    private final String name;
    private final boolean delivered;
    private final int attempts;
    private final String reason;

    public NotificationDelivery(final String kind, final String name, final boolean delivered, final int attempts,
            final String reason) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Objects.requireNonNull(name, "name");
        this.delivered = delivered;
        this.attempts = attempts;
        this.reason = delivered || reason == null ? null
                : reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }

    public String getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public boolean isDelivered() {
        return delivered;
    }

    public int getAttempts() {
        return attempts;
    }

    /** {@code null} when delivered. */
    public String getReason() {
        return reason;
    }

    /** One entry of the {@code targets} of a {@code notification.*} ledger event; {@code reason} only when not delivered. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind);
        json.put("name", name);
        json.put("delivered", delivered);
        json.put("attempts", (long) attempts);
        if (reason != null) {
            json.put("reason", reason);
        }
        return json;
    }

    /** {@code webhook ops (HTTP 500 after 3 attempts)}, {@code mail to 2 recipients}. */
    public String describe() {
        return kind + " " + name + (reason == null ? "" : " (" + reason + ")");
    }

    @Override
    public String toString() {
        return describe() + (delivered ? " delivered" : " not delivered");
    }
}
