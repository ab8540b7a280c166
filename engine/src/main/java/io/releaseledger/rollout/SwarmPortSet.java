package io.releaseledger.rollout;

import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.PlannedInstance;
import io.releaseledger.deploy.PreviousRelease;
import io.releaseledger.descriptor.DockerHostSpec;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.LoadBalancerSpec;
import io.releaseledger.swarm.SwarmService;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a swarm environment's two port sets a service spec uses: the first ({@code instances.ports}, HAProxy
 * servers as {@code serverName} says) or the second (each port + {@code swarm.portOffset}, servers named with
 * {@code -b} appended). The set is a label of the service's spec, so Swarm's own rollback puts the label back
 * together with the ports; every deploy moves to the other set, so a new task never needs its old task's port.
 */
enum SwarmPortSet {
    FIRST, SECOND;

    /** The service label that names the set its spec runs on: {@code a} or {@code b}. */
    static final String LABEL = "io.releaseledger.port-set";
    static final String SECOND_SERVER_SUFFIX = "-b";

    /** The set a service's spec runs on; the first when it has no label (or there is no service). */
    static SwarmPortSet of(final SwarmService service) {
        return service != null && "b".equals(service.getLabels().get(LABEL)) ? SECOND : FIRST;
    }

    /** The set the next deploy uses: the other one when there are two sets and a service, else the first. */
    static SwarmPortSet next(final EnvironmentSpec environment, final SwarmService current) {
        return environment.getSwarm().hasTwoPortSets() && current != null ? of(current).other() : FIRST;
    }

    /** The set a plan deploys to, told by the port its first slot was planned on. */
    static SwarmPortSet of(final EnvironmentSpec environment, final DeploymentPlan plan) {
        return plan.getInstances().get(0).getPort() == FIRST.port(environment, 1) ? FIRST : SECOND;
    }

    SwarmPortSet other() {
        return this == FIRST ? SECOND : FIRST;
    }

    String label() {
        return this == FIRST ? "a" : "b";
    }

    /** The port of a slot (from 1) in this set. */
    int port(final EnvironmentSpec environment, final int slot) {
        return environment.getInstances().port(slot) + (this == SECOND ? environment.getSwarm().getPortOffset() : 0);
    }

    /** The HAProxy server of a slot in this set, {@code null} without a load balancer. */
    String server(final EnvironmentSpec environment, final DockerHostSpec manager, final int slot) {
        LoadBalancerSpec lb = environment.getLoadBalancer();
        if (lb == null) {
            return null;
        }
        String name = lb.serverName(environment.getName(), manager, slot);
        return this == SECOND ? name + SECOND_SERVER_SUFFIX : name;
    }

    /** One planned instance per slot on this set, each replacing {@code previous}. */
    List<PlannedInstance> instances(final EnvironmentSpec environment, final DockerHostSpec manager,
            final PreviousRelease previous) {
        LoadBalancerSpec lb = environment.getLoadBalancer();
        List<PlannedInstance> instances = new ArrayList<>();
        for (int slot = 1; slot <= environment.getSwarm().getReplicas(); slot++) {
            instances.add(new PlannedInstance(manager.getName(), manager.getUrl(), manager.getAddress(), slot,
                    environment.getSwarm().getService() + "." + slot, port(environment, slot),
                    lb == null ? null : lb.getBackend(), server(environment, manager, slot), previous));
        }
        return instances;
    }
}
