package io.releaseledger.version;

import io.releaseledger.ReleaseLedgerException;

/** A text that is not a Semantic Version 2.0.0; the message names the rule it breaks. */
public final class InvalidVersionException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    InvalidVersionException(final String text, final String rule) {
        super(String.format("'%s' is not a semantic version: %s", text, rule));
    }
}
