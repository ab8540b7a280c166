package io.releaseledger.agent;

import io.releaseledger.report.Messages;
import java.util.Map;

/** One operation the agent can run; the front end that hosts the agent picks it by {@link #getName()}. */
public interface AgentOperation {
    /** The {@code operation} value of the request, e.g. {@code semverTag}. */
    String getName();

    /**
     * Runs the request and returns the result object of the response.
     *
     * @throws io.releaseledger.ReleaseLedgerException with a user-facing message when the operation fails
     */
    Map<String, Object> run(AgentRequest request, Messages messages);
}
