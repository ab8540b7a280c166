package io.releaseledger.descriptor;

/**
 * One check of a health gate or of {@code smokeChecks}; see {@link HttpCheckSpec}, {@link DeniesCheckSpec},
 * {@link TcpCheckSpec}, {@link CommandCheckSpec}, {@link ContainerCheckSpec}, {@link HeartbeatCheckSpec} and
 * {@link BrowserCheckSpec}.
 */
public interface HealthCheckSpec {
    /** The kinds of checks, as written in the descriptor (lower case). */
    enum Type { HTTP, TCP, CONTAINER, DENIES, COMMAND, HEARTBEAT, BROWSER }

    Type getType();

    /** Name, timeout, retries and backoff. */
    CheckOptions getOptions();
}
