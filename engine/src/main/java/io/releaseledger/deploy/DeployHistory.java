package io.releaseledger.deploy;

import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The questions a takeover, promotion or rollback asks of an environment's past (lock holder, interrupted plan,
 * digests, outcomes), answered from the ledger's verified events ({@link Ledger#events(String)}), whose data
 * {@code docs/releases-api.md} specifies. Reads the whole journal: meant for rare questions.
 */
final class DeployHistory {
    private final List<LedgerEvent> events;

    private DeployHistory(final List<LedgerEvent> events) {
        this.events = events;
    }

    /** The events of one environment (every event when {@code environment} is null), oldest first. */
    static DeployHistory read(final Ledger ledger, final String environment) {
        return new DeployHistory(ledger.events(environment));
    }

    List<LedgerEvent> events() {
        return events;
    }

    /** The {@code environment.locked} of the lock held now (the last one not followed by its unlock), or null. */
    LedgerEvent heldLock() {
        LedgerEvent held = null;
        for (LedgerEvent event : events) {
            Object lockId = event.getData().get("lockId");
            if (EventTypes.ENVIRONMENT_LOCKED.equals(event.getType())) {
                held = lockId instanceof String ? event : null;
            } else if (EventTypes.ENVIRONMENT_UNLOCKED.equals(event.getType()) && held != null
                    && Objects.equals(held.getData().get("lockId"), lockId)) {
                held = null;
            }
        }
        return held;
    }

    /** The data of the last {@code deployment.started} recorded under this lock id, or {@code null}. */
    Map<String, Object> startedUnder(final String lockId) {
        Map<String, Object> found = null;
        for (LedgerEvent event : events) {
            if (EventTypes.DEPLOYMENT_STARTED.equals(event.getType()) && lockId != null
                    && lockId.equals(event.getData().get("lockId"))) {
                found = event.getData();
            }
        }
        return found;
    }

    /**
     * The data of the last {@code deployment.started} whose deploy has no outcome recorded ({@code deployment.succeeded}
     * or {@code deployment.failed} with its id), or {@code null}: its outcome was lost (an abort, a lock released by an
     * administrator, a controller that went down), so what runs is not known.
     */
    Map<String, Object> unfinished() {
        Map<String, Object> started = null;
        for (LedgerEvent event : events) {
            String type = event.getType();
            Object id = event.getData().get("deploymentId");
            if (EventTypes.DEPLOYMENT_STARTED.equals(type)) {
                started = event.getData();
            } else if (started != null && id != null && id.equals(started.get("deploymentId"))
                    && (EventTypes.DEPLOYMENT_SUCCEEDED.equals(type) || EventTypes.DEPLOYMENT_FAILED.equals(type))) {
                started = null;
            }
        }
        return started;
    }

    /** The image digest a version was deployed or promoted with in this environment, or {@code null}. */
    String digestOf(final String version) {
        String digest = null;
        for (LedgerEvent event : events) {
            Map<String, Object> data = event.getData();
            String type = event.getType();
            if ((EventTypes.DEPLOYMENT_STARTED.equals(type) || EventTypes.RELEASE_PROMOTED.equals(type))
                    && version.equals(data.get("version")) && data.get("image") instanceof Map<?, ?> image) {
                Object value = image.get("digest");
                digest = value instanceof String ? (String) value : digest;
            }
        }
        return digest;
    }

    /** Whether a deployment of this version in this environment succeeded. */
    boolean succeeded(final String version) {
        return events.stream().anyMatch(event -> EventTypes.DEPLOYMENT_SUCCEEDED.equals(event.getType())
                && version.equals(event.getData().get("version")));
    }

    /** The reason a version is marked bad now (marked, not cleared since), or {@code null}. */
    String badReason(final String version) {
        String reason = null;
        for (LedgerEvent event : events) {
            Map<String, Object> data = event.getData();
            if (!version.equals(data.get("version"))) {
                continue;
            }
            if (EventTypes.RELEASE_MARKED_BAD.equals(event.getType())) {
                Object why = data.get("reason");
                reason = why instanceof String ? (String) why : "no reason given";
            } else if (EventTypes.RELEASE_BAD_CLEARED.equals(event.getType())) {
                reason = null;
            }
        }
        return reason;
    }

    /** The last recorded checks of this version: TRUE passed, FALSE failed, null none recorded. */
    Boolean checksPassed(final String version) {
        Boolean passed = null;
        for (LedgerEvent event : events) {
            if (EventTypes.CHECK_RECORDED.equals(event.getType()) && version.equals(event.getData().get("version"))) {
                passed = Boolean.TRUE.equals(event.getData().get("passed"));
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
            LedgerEvent event = events.get(i);
            String type = event.getType();
            Object version = EventTypes.RELEASE_ROLLED_BACK.equals(type) ? event.getData().get("to")
                    : EventTypes.DEPLOYMENT_SUCCEEDED.equals(type) || EventTypes.RELEASE_PROMOTED.equals(type)
                            ? event.getData().get("version") : null;
            if (version instanceof String && !versions.contains(version)) {
                versions.add((String) version);
            }
        }
        return versions;
    }
}
