package io.releaseledger.descriptor;

/**
 * One check of a health gate or of {@code smokeChecks}; see {@link HttpCheckSpec}, {@link DeniesCheckSpec},
 * {@link TcpCheckSpec}, {@link CommandCheckSpec}, {@link ContainerCheckSpec}, {@link HeartbeatCheckSpec},
 * {@link BrowserCheckSpec} and {@link DriftCheckSpec} (smokeChecks only).
 */
public interface HealthCheckSpec {
    /** The kinds of checks, as written in the descriptor (lower case). */
    enum Type { HTTP, TCP, CONTAINER, DENIES, COMMAND, HEARTBEAT, BROWSER, DRIFT }

    Type getType();

    /** Name, timeout, retries and backoff. */
    CheckOptions getOptions();
}
