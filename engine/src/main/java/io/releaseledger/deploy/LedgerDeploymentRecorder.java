package io.releaseledger.deploy;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;

import java.util.Map;

/** Appends every event to the ledger at once, as the CLI does: it holds the ledger and does the work. */
public final class LedgerDeploymentRecorder implements DeploymentRecorder {
    private final Ledger ledger;
    private final Actor actor;
    private final Origin origin;

    public LedgerDeploymentRecorder(final Ledger ledger, final Actor actor, final Origin origin) {
        this.ledger = ledger;
        this.actor = actor;
        this.origin = origin;
    }

    @Override
    public void record(final String type, final String environment, final Map<String, Object> data) {
        ledger.append(new EventDraft(type, actor, origin).setEnvironment(environment).setData(data));
    }
}
