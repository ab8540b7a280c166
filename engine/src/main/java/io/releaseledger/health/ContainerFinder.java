package io.releaseledger.health;

import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerSummary;

import java.util.List;
import java.util.Map;

/**
 * Which containers of a host the smoke run's {@link ContainersCheck} looks at: by default those with the
 * environment's labels; for a swarm environment the containers of its service's current tasks.
 */
public interface ContainerFinder {
    /**
     * The containers to check on the host of {@code engine}.
     *
     * @throws io.releaseledger.ReleaseLedgerException when they cannot be read; the check reports it for the host
     */
    List<ContainerSummary> find(ContainerEngine engine);

    /** What is looked for, for the sentence "no container …", e.g. {@code labelled {app=shop}}. */
    String describe();

    /** Every container carrying these labels, running or not. */
    static ContainerFinder byLabels(final Map<String, String> labels) {
        Map<String, String> copy = Map.copyOf(labels);
        return new ContainerFinder() {
            @Override
            public List<ContainerSummary> find(final ContainerEngine engine) {
                return engine.findByLabels(copy);
            }

            @Override
            public String describe() {
                return "labelled " + labels;
            }
        };
    }
}
