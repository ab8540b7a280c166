package io.releaseledger.deploy;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.notify.NotificationRecord;
import io.releaseledger.report.Messages;

/**
 * Records how a notification round ended in the ledger, through its normal append (seal, lock, high-water mark). An
 * audit must be able to tell whether "deploy failed" reached anyone; but a record that cannot be written is a
 * warning, never a failed deploy.
 */
public final class NotificationLedger {
    private NotificationLedger() {
    }

    /** Appends {@code record} unless no target wanted the event; a failure to append becomes a warning. */
    public static void record(final Ledger ledger, final String environment, final Actor actor, final Origin origin,
            final NotificationRecord record, final Messages messages) {
        if (record.isEmpty()) {
            return;
        }
        try {
            ledger.append(new EventDraft(record.type(), actor, origin).setEnvironment(environment)
                    .setData(record.data()));
        } catch (RuntimeException e) {
            messages.warning("The outcome of the notification (%s) was not recorded in the ledger: %s",
                    record.summary(), e.getMessage());
        }
    }
}
