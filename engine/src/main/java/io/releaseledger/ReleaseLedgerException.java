package io.releaseledger;

/**
 * Root of every error the engine reports. Its message is written for the user: it says what failed and how
 * to fix it, never holds a secret, and the front ends print it without a stack trace.
 */
public class ReleaseLedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReleaseLedgerException(final String message) {
        super(message);
    }

    public ReleaseLedgerException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
