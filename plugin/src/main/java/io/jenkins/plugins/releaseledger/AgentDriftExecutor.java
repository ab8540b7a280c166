package io.jenkins.plugins.releaseledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.DriftProtocol;
import io.releaseledger.deploy.DriftExecutor;
import io.releaseledger.deploy.DriftExpectation;
import io.releaseledger.deploy.DriftObservation;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * Observes an environment for a {@link io.releaseledger.deploy.DriftCommand} on the build's agent, never on the
 * controller: one {@code drift.observe} agent request ({@link DriftProtocol}) with the descriptor's text and the
 * names of the variables that hold the hosts' TLS credentials. The controller compares and records; the agent only
 * reads Docker, HAProxy and the registry.
 */
final class AgentDriftExecutor implements DriftExecutor {
    private final String stepName;
    private final AgentDeploymentExecutor.AgentCall agent;
    private final PrintStream log;
    private final String descriptorText;
    private final String descriptorSource;
    private final Map<String, Map<String, String>> credentials;
    private volatile InterruptedException interruption;

    /**
     * @param agent       runs one agent request where the workspace is (the deploy steps' seam)
     * @param credentials id → {@code {kind, variable}}, the hosts' TLS ({@link DeployCredentialVariables})
     */
    AgentDriftExecutor(final String stepName, final AgentDeploymentExecutor.AgentCall agent, final PrintStream log,
            final String descriptorText, final String descriptorSource, final Map<String, Map<String, String>> credentials) {
        this.stepName = stepName;
        this.agent = agent;
        this.log = log;
        this.descriptorText = descriptorText;
        this.descriptorSource = descriptorSource;
        this.credentials = credentials;
    }

    @Override
    public DriftObservation observe(final DriftExpectation expected) {
        AgentOutcome outcome;
        try {
            outcome = agent.run(DriftProtocol.OBSERVE, DriftProtocol.observeOptions(descriptorText, descriptorSource,
                    credentials, expected));
        } catch (InterruptedException e) {
            interruption = e;
            throw new ReleaseLedgerException(stepName + " was interrupted while the environment was read", e);
        } catch (IOException e) {
            throw new ReleaseLedgerException("the Release Ledger agent could not be run for " + DriftProtocol.OBSERVE
                    + ": " + e.getMessage(), e);
        }
        outcome.report(log);
        if (!outcome.isOk()) {
            throw new ReleaseLedgerException(outcome.getError());
        }
        return DriftProtocol.readObservation(outcome.getResult());
    }

    /** The interruption that ended the observation, for the caller to restore once the command has returned. */
    InterruptedException getInterruption() {
        return interruption;
    }
}
