package io.releaseledger.descriptor;

import java.time.Duration;

/**
 * An environment deployed as one Docker Swarm service (section {@code swarm}): its name, the update and rollback
 * configuration Swarm applies, and how long an update may take to converge. The replicas are the environment's
 * instances; the one host is a manager of the swarm.
 */
public final class SwarmSpec {
    private final String service;
    private final int replicas;
    private final SwarmUpdateSpec update;
    private final SwarmUpdateSpec rollback;
    private final Duration timeout;
    private final int portOffset;

    SwarmSpec(final String service, final int replicas, final SwarmUpdateSpec update, final SwarmUpdateSpec rollback,
            final Duration timeout, final int portOffset) {
        this.service = service;
        this.replicas = replicas;
        this.update = update;
        this.rollback = rollback;
        this.timeout = timeout;
        this.portOffset = portOffset;
    }

    /** The service's name in the swarm. */
    public String getService() {
        return service;
    }

    public int getReplicas() {
        return replicas;
    }

    public SwarmUpdateSpec getUpdate() {
        return update;
    }

    public SwarmUpdateSpec getRollback() {
        return rollback;
    }

    /** How long an update (or a rollback) may take until every task runs and Swarm reports it complete. */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * What the second port set adds to each of {@code instances.ports}; 0 when there is one set. With a second set
     * every deploy moves the service to the set it does not run on, so a new task never needs its old task's port
     * (what {@code order: start-first} needs with host networking).
     */
    public int getPortOffset() {
        return portOffset;
    }

    /** Whether deploys alternate between two port sets. */
    public boolean hasTwoPortSets() {
        return portOffset > 0;
    }

    @Override
    public String toString() {
        return "service " + service + ", " + replicas + " replicas, update: " + update + ", rollback: " + rollback
                + (portOffset > 0 ? ", port sets +0/+" + portOffset : "");
    }
}
