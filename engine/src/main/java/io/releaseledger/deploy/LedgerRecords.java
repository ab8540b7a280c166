package io.releaseledger.deploy;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads event data that the Releases API does not serve (lock ids, deployment plans, image digests of past
 * releases) from the ledger's journal, whose format {@code docs/releases-api.md} specifies. Reads the whole journal:
 * meant for the rare questions of a takeover, promotion or rollback, after {@link Ledger#view()} caught up.
 */
final class LedgerRecords {
    private final List<Map<String, Object>> events;

    private LedgerRecords(final List<Map<String, Object>> events) {
        this.events = events;
    }

    /** The events of one environment (all when {@code environment} is null), oldest first. */
    static LedgerRecords read(final Ledger ledger, final String environment) {
        ledger.view();
        Path journal = ledger.getDirectory().resolve("events.jsonl");
        List<Map<String, Object>> events = new ArrayList<>();
        if (!Files.exists(journal)) {
            return new LedgerRecords(events);
        }
        try (BufferedReader reader = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> event;
                try {
                    event = Json.parseObject(line);
                } catch (RuntimeException torn) {
                    continue;
                }
                if (environment == null || environment.equals(event.get("environment"))) {
                    events.add(event);
                }
            }
        } catch (IOException e) {
            throw new DeploymentException("Cannot read the ledger journal " + journal + " (" + e.getMessage() + ").", e);
        }
        return new LedgerRecords(events);
    }

    List<Map<String, Object>> events() {
        return events;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(final Map<String, Object> event) {
        Object data = event.get("data");
        return data instanceof Map ? (Map<String, Object>) data : Map.of();
    }

    static String type(final Map<String, Object> event) {
        return (String) event.get("type");
    }

    /** The lock id of the lock held now (the last {@code environment.locked} not followed by its unlock). */
    String heldLockId() {
        String held = null;
        for (Map<String, Object> event : events) {
            String type = type(event);
            Object lockId = data(event).get("lockId");
            if (EventTypes.ENVIRONMENT_LOCKED.equals(type)) {
                held = (String) lockId;
            } else if (EventTypes.ENVIRONMENT_UNLOCKED.equals(type) && Objects.equals(held, lockId)) {
                held = null;
            }
        }
        return held;
    }

    /** The plan of the last {@code deployment.started} recorded under this lock id, or {@code null}. */
    Map<String, Object> startedUnder(final String lockId) {
        Map<String, Object> found = null;
        for (Map<String, Object> event : events) {
            Map<String, Object> data = data(event);
            if (EventTypes.DEPLOYMENT_STARTED.equals(type(event)) && lockId != null
                    && lockId.equals(data.get("lockId"))) {
                found = data;
            }
        }
        return found;
    }

    /** The image digest a version was deployed or promoted with in this environment, or {@code null}. */
    @SuppressWarnings("unchecked")
    String digestOf(final String version) {
        String digest = null;
        for (Map<String, Object> event : events) {
            Map<String, Object> data = data(event);
            String type = type(event);
            if ((EventTypes.DEPLOYMENT_STARTED.equals(type) || EventTypes.RELEASE_PROMOTED.equals(type))
                    && version.equals(data.get("version")) && data.get("image") instanceof Map) {
                Object value = ((Map<String, Object>) data.get("image")).get("digest");
                digest = value instanceof String ? (String) value : digest;
            }
        }
        return digest;
    }

    /** Whether a deployment of this version in this environment succeeded (and it was not rolled back from since). */
    boolean succeeded(final String version) {
        for (Map<String, Object> event : events) {
            if (EventTypes.DEPLOYMENT_SUCCEEDED.equals(type(event)) && version.equals(data(event).get("version"))) {
                return true;
            }
        }
        return false;
    }

    /** The reason a version is marked bad now (marked, not cleared since), or {@code null}. */
    String badReason(final String version) {
        String reason = null;
        for (Map<String, Object> event : events) {
            Map<String, Object> data = data(event);
            if (!version.equals(data.get("version"))) {
                continue;
            }
            if (EventTypes.RELEASE_MARKED_BAD.equals(type(event))) {
                Object why = data.get("reason");
                reason = why instanceof String ? (String) why : "no reason given";
            } else if (EventTypes.RELEASE_BAD_CLEARED.equals(type(event))) {
                reason = null;
            }
        }
        return reason;
    }

    /** The last recorded checks of this version: TRUE passed, FALSE failed, null none recorded. */
    Boolean checksPassed(final String version) {
        Boolean passed = null;
        for (Map<String, Object> event : events) {
            if (EventTypes.CHECK_RECORDED.equals(type(event)) && version.equals(data(event).get("version"))) {
                passed = Boolean.TRUE.equals(data(event).get("passed"));
            }
        }
        return passed;
    }

    /**
     * The versions that became current in this environment (deployment succeeded, promotion, rollback target),
     * newest first, each once.
     */
    List<String> currentReleases() {
        List<String> versions = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            Map<String, Object> event = events.get(i);
            String type = type(event);
            Object version = EventTypes.RELEASE_ROLLED_BACK.equals(type) ? data(event).get("to")
                    : EventTypes.DEPLOYMENT_SUCCEEDED.equals(type) || EventTypes.RELEASE_PROMOTED.equals(type)
                            ? data(event).get("version") : null;
            if (version instanceof String && !versions.contains(version)) {
                versions.add((String) version);
            }
        }
        return versions;
    }
}
