package io.releaseledger.deploy;

import io.releaseledger.ReleaseLedgerException;

/** A deploy, promotion or rollback that was refused or failed; the message says where, why and what to do. */
public class DeploymentException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    public DeploymentException(final String message) {
        super(message);
    }

    public DeploymentException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
