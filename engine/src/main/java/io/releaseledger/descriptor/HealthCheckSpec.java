package io.releaseledger.descriptor;

/** One check of a health gate; see {@link HttpCheckSpec}, {@link TcpCheckSpec} and {@link ContainerCheckSpec}. */
public interface HealthCheckSpec {
    /** The kinds of checks, as written in the descriptor. */
    enum Type { HTTP, TCP, CONTAINER }

    Type getType();
}
