package io.releaseledger.deploy;

import io.releaseledger.ledger.LedgerView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last notification outcome per environment, for the Releases page: {@code api/state} carries it as
 * {@code notifications} (see {@code docs/releases-api.md}). Derived from each environment's recent history in the read
 * model, so neither the journal is read again nor the checkpoint changes.
 */
public final class NotificationOutcomes {
    /** How far back an environment's history is searched: a deploy records two or three notifications. */
    static final int RECENT = 50;
    private static final String PREFIX = "notification.";

    private NotificationOutcomes() {
    }

    /** {@code {environmentName: {type, version, at, failed, summary}}}; environments never notified are left out. */
    public static Map<String, Object> of(final LedgerView view) {
        Map<String, Object> outcomes = new LinkedHashMap<>();
        for (String environment : view.environmentNames()) {
            Map<String, Object> last = last(view, environment);
            if (last != null) {
                outcomes.put(environment, last);
            }
        }
        return outcomes;
    }

    /** {@code state} with {@code notifications} added. */
    public static Map<String, Object> withNotifications(final LedgerView view, final Map<String, Object> state) {
        Map<String, Object> json = new LinkedHashMap<>(state);
        json.put("notifications", of(view));
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> last(final LedgerView view, final String environment) {
        for (Object entry : (List<Object>) view.history(environment, 0, RECENT).get("entries")) {
            Map<String, Object> row = (Map<String, Object>) entry;
            String type = String.valueOf(row.get("type"));
            if (type.startsWith(PREFIX)) {
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("type", type);
                outcome.put("version", row.get("version"));
                outcome.put("at", row.get("at"));
                outcome.put("failed", row.get("failed"));
                outcome.put("summary", row.get("reason"));
                return outcome;
            }
        }
        return null;
    }
}
