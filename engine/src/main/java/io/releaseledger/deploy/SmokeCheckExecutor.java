package io.releaseledger.deploy;

import io.releaseledger.rollout.LocalSmokeCheckExecutor;

/**
 * Where a smoke run's I/O happens: the CLI runs the checks in its own process ({@link LocalSmokeCheckExecutor}); the
 * Jenkins plugin runs them on the build's agent through the agent protocol, so the controller never reaches an
 * address, runs a program or reads a file for a check. Records nothing: {@link SmokeCheckCommand} does, wherever the
 * ledger is.
 */
@FunctionalInterface
public interface SmokeCheckExecutor {
    /**
     * Runs the environment's smoke checks. Failed checks are a result ({@link SmokeOutcome#isPassed()} false), not
     * an exception.
     *
     * @throws io.releaseledger.ReleaseLedgerException with a user-facing message when the checks cannot run at all
     *         (no such environment, no {@code smokeChecks}, a secret that is not set)
     */
    SmokeOutcome run(SmokeRequest request);
}
