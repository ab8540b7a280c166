package io.releaseledger.scm;

import io.releaseledger.ReleaseLedgerException;

/** A git operation failed. The message says what failed and how to fix it, and never holds a secret. */
public class ScmException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    public ScmException(final String message) {
        super(message);
    }

    public ScmException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
