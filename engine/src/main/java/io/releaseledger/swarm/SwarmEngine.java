package io.releaseledger.swarm;

import io.releaseledger.docker.ContainerEngineException;

import java.util.List;
import java.util.Optional;

/**
 * A manager of a Docker Swarm: creates and updates one service and reads its state and tasks. Every method throws
 * {@link ContainerEngineException} with a user-facing message when the manager refuses or cannot be reached.
 */
public interface SwarmEngine extends AutoCloseable {
    /** The service by name, empty when there is none. */
    Optional<SwarmService> inspect(String service);

    /** Creates the service; returns its id. */
    String create(SwarmServiceRequest request);

    /**
     * Replaces the spec of the service as it was read ({@code current.getVersion()} guards against a concurrent
     * change); Swarm then rolls the tasks over as the request's update config says.
     */
    void update(SwarmService current, SwarmServiceRequest request);

    /** Puts back the spec the service had before its last update (Swarm's own rollback). */
    void rollback(SwarmService current);

    /** Every task of the service Swarm still knows, running or not. */
    List<SwarmTask> tasks(String serviceId);

    /** Removes the service and its tasks; nothing when there is none. */
    void remove(String service);

    /** Closes the connection; never throws. */
    @Override
    void close();
}
