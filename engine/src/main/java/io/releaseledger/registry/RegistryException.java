package io.releaseledger.registry;

import io.releaseledger.ReleaseLedgerException;

/**
 * A registry operation failed. The message names the registry, repository and tag or digest and says how to fix
 * it; it never holds a password or token.
 */
public class RegistryException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    public RegistryException(final String message) {
        super(message);
    }

    public RegistryException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
