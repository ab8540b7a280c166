package io.releaseledger.notify;

import io.releaseledger.ReleaseLedgerException;

/** A notifications file that cannot be used; the message names the file, the entry and the fix, never a URL. */
public final class NotificationSettingsException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    public NotificationSettingsException(final String message) {
        super(message);
    }
}
