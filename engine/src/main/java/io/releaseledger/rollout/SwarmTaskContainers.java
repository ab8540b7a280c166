package io.releaseledger.rollout;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.health.ContainerFinder;
import io.releaseledger.swarm.SwarmEngine;
import io.releaseledger.swarm.SwarmService;
import io.releaseledger.swarm.SwarmTask;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The containers of a Swarm service's current tasks (those Swarm wants running), for the smoke run's container
 * check: found on the manager's engine by Swarm's own label {@code com.docker.swarm.service.name}, keeping only the
 * containers of current tasks; the shut-down tasks of earlier updates keep their stopped containers on the node.
 * On a single node every task runs on the manager; tasks on other nodes are not reached.
 */
final class SwarmTaskContainers implements ContainerFinder {
    /** The label Docker puts on every container of a Swarm task. */
    static final String SERVICE_LABEL = "com.docker.swarm.service.name";

    private final Supplier<SwarmEngine> manager;
    private final String service;

    /** @param manager the swarm manager, connected on the first look */
    SwarmTaskContainers(final Supplier<SwarmEngine> manager, final String service) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public List<ContainerSummary> find(final ContainerEngine engine) {
        SwarmEngine swarm = manager.get();
        SwarmService found = swarm.inspect(service).orElseThrow(() -> new ReleaseLedgerException("no Swarm service "
                + service));
        Set<String> current = new HashSet<>();
        for (SwarmTask task : swarm.tasks(found.getId())) {
            if ("running".equals(task.getDesiredState()) && task.getContainerId() != null) {
                current.add(task.getContainerId());
            }
        }
        return engine.findByLabels(Map.of(SERVICE_LABEL, service)).stream()
                .filter(container -> current.contains(container.getId())).toList();
    }

    @Override
    public String describe() {
        return "of a current task of Swarm service " + service;
    }
}
