package io.releaseledger.agent;

import io.releaseledger.ReleaseLedgerException;

/** A request or response that does not follow the agent protocol, or an option the operation cannot take. */
public final class AgentProtocolException extends ReleaseLedgerException {
    private static final long serialVersionUID = 1L;

    public AgentProtocolException(final String message) {
        super(message);
    }
}
