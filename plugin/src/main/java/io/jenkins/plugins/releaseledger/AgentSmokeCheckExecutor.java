package io.jenkins.plugins.releaseledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.SmokeProtocol;
import io.releaseledger.deploy.SmokeCheckExecutor;
import io.releaseledger.deploy.SmokeOutcome;
import io.releaseledger.deploy.SmokeRequest;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * Runs a smoke run on the build's agent, never on the controller: one {@code smoke.run} agent request
 * ({@link SmokeProtocol}) with the descriptor's text and the names of the variables that hold the checks' secrets;
 * the values are in the agent process's environment only. The agent streams its progress to the build log; the
 * result table is printed as soon as it arrives; messages, error and table pass the run's
 * {@link io.releaseledger.agent.SecretMask} ({@link AgentOutcome}).
 */
final class AgentSmokeCheckExecutor implements SmokeCheckExecutor {
    private final String stepName;
    private final AgentDeploymentExecutor.AgentCall agent;
    private final PrintStream log;
    private final String descriptorText;
    private final String descriptorSource;
    private final Map<String, Map<String, String>> credentials;
    private volatile InterruptedException interruption;
    private volatile SmokeOutcome outcome;

    /**
     * @param agent       runs one agent request where the workspace is (the deploy steps' seam)
     * @param credentials id → {@code {kind, variable}} ({@link DeployCredentialVariables#withSmokeChecks})
     */
    AgentSmokeCheckExecutor(final String stepName, final AgentDeploymentExecutor.AgentCall agent, final PrintStream log,
            final String descriptorText, final String descriptorSource, final Map<String, Map<String, String>> credentials) {
        this.stepName = stepName;
        this.agent = agent;
        this.log = log;
        this.descriptorText = descriptorText;
        this.descriptorSource = descriptorSource;
        this.credentials = credentials;
    }

    @Override
    public SmokeOutcome run(final SmokeRequest request) {
        if (interruption != null) {
            throw new ReleaseLedgerException(stepName + " was interrupted", interruption);
        }
        AgentOutcome outcome;
        try {
            outcome = agent.run(SmokeProtocol.RUN, SmokeProtocol.runOptions(descriptorText, descriptorSource,
                    request.getEnvironment(), credentials, request));
        } catch (InterruptedException e) {
            // restored by the execution once the command has returned, as for the deploy steps
            interruption = e;
            throw new ReleaseLedgerException(stepName + " was interrupted while the smoke checks ran", e);
        } catch (IOException e) {
            throw new ReleaseLedgerException("the Release Ledger agent could not be run for " + SmokeProtocol.RUN + ": "
                    + e.getMessage(), e);
        }
        outcome.report(log);
        if (!outcome.isOk()) {
            throw new ReleaseLedgerException(outcome.getError());
        }
        SmokeOutcome smoke = SmokeProtocol.readOutcome(outcome.getResult());
        // the table now, before a rollback's output; the agent masked it, this is the second line of defence
        log.print(outcome.mask(smoke.getTable()));
        this.outcome = smoke;
        return smoke;
    }

    /** The outcome of the run, {@code null} before it ended: the report is written even if a rollback then fails. */
    SmokeOutcome getOutcome() {
        return outcome;
    }

    /** The interruption that ended the run, for the caller to restore once the command has returned. */
    InterruptedException getInterruption() {
        return interruption;
    }
}
