package io.jenkins.plugins.releaseledger;

import io.releaseledger.ReleaseLedgerException;

/** A job asked for the ledger of an application it does not own; the message names the setting to change. */
final class ApplicationNotOwnedException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    ApplicationNotOwnedException(final String message) {
        super(message);
    }
}
