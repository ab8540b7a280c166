package io.releaseledger.deploy;

import io.releaseledger.rollout.CollectingDeploymentRecorder;

import java.util.Map;

/**
 * Where deploys, promotions and rollbacks record what they did: the ledger itself in the CLI
 * ({@link LedgerDeploymentRecorder}), or a list the agent returns to the Jenkins controller, which appends the
 * events ({@link CollectingDeploymentRecorder}). Event types and data are those of {@code docs/releases-api.md}.
 */
public interface DeploymentRecorder {
    /**
     * @param type        an event type of {@code io.releaseledger.ledger.EventTypes}
     * @param environment the environment, {@code null} for events without one
     * @param data        the event's data, JSON values only
     */
    void record(String type, String environment, Map<String, Object> data);
}
