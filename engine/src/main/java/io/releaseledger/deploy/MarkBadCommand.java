package io.releaseledger.deploy;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Marks a release bad, so it cannot be promoted, or clears the mark ({@link #clear}); both are recorded with who and
 * why. Checking who may clear is the front end's business (a permission in Jenkins).
 */
public final class MarkBadCommand {
    private final Ledger ledger;
    private final String version;
    private final String reason;
    private final boolean clear;
    private Actor actor = new Actor(System.getProperty("user.name", "unknown"), null);
    private Origin origin = Origin.cli(System.getProperty("user.name", "unknown"), EnvironmentLock.localHost());

    private MarkBadCommand(final Ledger ledger, final String version, final String reason, final boolean clear) {
        if (version == null || version.isBlank()) {
            throw new DeploymentException("Marking a release bad or clearing the mark needs the version.");
        }
        if (reason == null || reason.isBlank()) {
            throw new DeploymentException("Marking " + version + " bad or clearing the mark needs a reason; it is "
                    + "recorded.");
        }
        this.ledger = ledger;
        this.version = version;
        this.reason = reason;
        this.clear = clear;
    }

    /** Marks {@code version} bad. */
    public static MarkBadCommand mark(final Ledger ledger, final String version, final String reason) {
        return new MarkBadCommand(ledger, version, reason, false);
    }

    /** Clears the bad mark of {@code version}; refused when it is not marked. */
    public static MarkBadCommand clear(final Ledger ledger, final String version, final String reason) {
        return new MarkBadCommand(ledger, version, reason, true);
    }

    public MarkBadCommand setActor(final Actor actor) {
        this.actor = actor;
        return this;
    }

    public MarkBadCommand setOrigin(final Origin origin) {
        this.origin = origin;
        return this;
    }

    public void call() {
        boolean marked = DeployHistory.read(ledger, null).badReason(version) != null;
        if (clear && !marked) {
            throw new DeploymentException("Release " + version + " is not marked bad; there is nothing to clear.");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("reason", reason);
        ledger.append(new EventDraft(clear ? EventTypes.RELEASE_BAD_CLEARED : EventTypes.RELEASE_MARKED_BAD, actor,
                origin).setData(data));
    }
}
