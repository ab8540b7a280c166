package io.releaseledger.docker;

import io.releaseledger.ReleaseLedgerException;

/**
 * A container operation failed. The message names the operation and the Docker host and says how to fix it; it
 * never holds a secret (registry passwords and tokens stay out of it).
 */
public class ContainerEngineException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    public ContainerEngineException(final String message) {
        super(message);
    }

    public ContainerEngineException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
