package io.releaseledger.rollout;

import io.releaseledger.deploy.PlannedInstance;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.swarm.SwarmEngine;

/**
 * The connections a deploy uses: one container engine per host of the environment and its load balancer. Opened
 * lazily, closed together. {@link EnvironmentTargets} connects to what the descriptor names.
 */
public interface DeployTargets extends AutoCloseable {
    /** The engine of the host with this short name (as in {@link PlannedInstance#getHost()}). */
    ContainerEngine engine(String host);

    /** The swarm manager at the host with this short name, for an environment with a {@code swarm} section. */
    default SwarmEngine swarm(final String host) {
        throw new UnsupportedOperationException("these targets reach no swarm manager");
    }

    /** The environment's load balancer, {@code null} when it has none. */
    LoadBalancer loadBalancer();

    /** Closes every connection opened; never throws. */
    @Override
    void close();
}
