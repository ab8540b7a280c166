package io.releaseledger.policy;

import io.releaseledger.ReleaseLedgerException;

/** A policy that cannot be read or used (a bad cron expression, a window ending before it starts…); says the fix. */
public class PolicyException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    public PolicyException(final String message) {
        super(message);
    }
}
