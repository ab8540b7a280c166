package io.releaseledger.deploy;

/**
 * Where a drift check's I/O happens: the CLI reads the hosts, the load balancer and the registry in its own process
 * ({@code io.releaseledger.rollout.LocalDriftExecutor}); the Jenkins plugin reads them on the build's agent through
 * the agent operation {@code drift.observe}. Observes only: {@link DriftCommand} compares and records.
 */
@FunctionalInterface
public interface DriftExecutor {
    /**
     * Reads what runs in the environment. A host, load balancer or registry that cannot be read is reported in the
     * observation, not thrown.
     *
     * @param expected what the ledger says; its registry tag names the tag to read
     * @throws io.releaseledger.ReleaseLedgerException when nothing can be read at all (no such environment)
     */
    DriftObservation observe(DriftExpectation expected);
}
