package io.releaseledger.rollout;

import io.releaseledger.deploy.DeploymentRecorder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the events instead of appending them, for the agent: its JSON response carries {@link #getEvents()}
 * ({@code [{"type", "environment", "data"}]}, in order) and the controller appends them to the ledger it owns.
 * Safe for several threads.
 */
public final class CollectingDeploymentRecorder implements DeploymentRecorder {
    private final List<Map<String, Object>> events = new ArrayList<>();

    @Override
    public synchronized void record(final String type, final String environment, final Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("environment", environment);
        event.put("data", new LinkedHashMap<>(data));
        events.add(event);
    }

    /** A copy of the events recorded so far, oldest first. */
    public synchronized List<Map<String, Object>> getEvents() {
        return new ArrayList<>(events);
    }
}
