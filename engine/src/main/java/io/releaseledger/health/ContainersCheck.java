package io.releaseledger.health;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.docker.ContainerSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The environment's containers on every host, found by their labels: each runs, runs the expected digest, is not
 * restarting, and is {@code healthy} where its image has a Docker health check. A host without any of them fails.
 * The smoke-run form of {@link ContainerCheck}, which watches one container through a health gate. A
 * {@link ContainerFinder} can choose other containers than the labelled ones (a Swarm service's tasks).
 */
public final class ContainersCheck implements HealthCheck {
    static final String KIND = "container";

    private final Map<String, ContainerEngine> hosts;
    private final Map<String, String> labels;
    private String name = KIND;
    private String expectedDigest;
    private boolean healthy = true;
    private ContainerFinder finder;

    /**
     * @param hosts  each host's name (as results show it) and its engine
     * @param labels the labels every container of the environment carries (application and environment)
     */
    public ContainersCheck(final Map<String, ContainerEngine> hosts, final Map<String, String> labels) {
        this.hosts = new LinkedHashMap<>(Objects.requireNonNull(hosts, "hosts"));
        this.labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        if (this.hosts.isEmpty() || this.labels.isEmpty()) {
            throw new IllegalArgumentException("give at least one host and one label");
        }
        this.finder = ContainerFinder.byLabels(this.labels);
    }

    /** Which containers of each host to check (default: those with the labels), e.g. a Swarm service's tasks'. */
    public ContainersCheck setFinder(final ContainerFinder finder) {
        this.finder = Objects.requireNonNull(finder, "finder");
        return this;
    }

    public ContainersCheck setName(final String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The digest every container must run ({@code sha256:…} or {@code repository@sha256:…}); {@code null}: any. */
    public ContainersCheck setExpectedDigest(final String expectedDigest) {
        this.expectedDigest = expectedDigest;
        return this;
    }

    /** Require Docker's {@code healthy} where a health check exists (default on). */
    public ContainersCheck setHealthy(final boolean healthy) {
        this.healthy = healthy;
        return this;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getKind() {
        return KIND;
    }

    @Override
    public boolean usesTarget() {
        return false;
    }

    @Override
    public CheckResult run(final CheckTarget target) {
        long start = System.nanoTime();
        List<String> seen = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, ContainerEngine> host : hosts.entrySet()) {
            try {
                List<ContainerSummary> found = finder.find(host.getValue());
                if (found.isEmpty()) {
                    wrong.add(host.getKey() + ": no container " + finder.describe());
                }
                for (ContainerSummary container : found) {
                    ContainerState state = host.getValue().inspect(container.getId());
                    Optional<String> problem = problem(state);
                    String line = host.getKey() + ": " + display(state);
                    if (problem.isPresent()) {
                        wrong.add(line + " " + problem.get());
                    } else {
                        seen.add(line + " ok");
                    }
                }
            } catch (ReleaseLedgerException e) {
                wrong.add(host.getKey() + ": " + e.getMessage());
            }
        }
        long millis = Durations.millisSince(start);
        String where = String.join(", ", hosts.keySet());
        if (!wrong.isEmpty()) {
            return CheckResult.failed(name, KIND, String.join("; ", wrong), millis).withTarget(where)
                    .withExpected(expectation()).withActual(String.join("; ", wrong));
        }
        return CheckResult.passed(name, KIND, seen.size() + " container" + (seen.size() == 1 ? "" : "s")
                + " running" + (expectedDigest == null ? "" : " " + ContainerCheck.shortDigest(
                        ContainerCheck.digestOf(expectedDigest))) + (healthy ? ", healthy where checked" : "")
                + " on " + hosts.size() + " host" + (hosts.size() == 1 ? "" : "s"), millis).withTarget(where);
    }

    private Optional<String> problem(final ContainerState state) {
        if (state.isRestarting()) {
            return Optional.of("is restarting (restarted " + state.getRestartCount() + " times)");
        }
        if (!state.isRunning()) {
            return Optional.of("is " + state.getStatus() + state.getExitCode().map(c -> ", exit code " + c).orElse(""));
        }
        if (expectedDigest != null && !ContainerCheck.runsDigest(state, expectedDigest)) {
            return Optional.of("runs " + ContainerCheck.shortDigest(ContainerCheck.imageDigest(state))
                    + ", expected " + ContainerCheck.shortDigest(ContainerCheck.digestOf(expectedDigest)));
        }
        Optional<String> health = state.getHealth();
        if (healthy && health.isPresent() && !"healthy".equals(health.get())) {
            return Optional.of("is " + health.get() + ", not healthy");
        }
        return Optional.empty();
    }

    private String expectation() {
        return "every container running" + (expectedDigest == null ? "" : " "
                + ContainerCheck.shortDigest(ContainerCheck.digestOf(expectedDigest))) + ", not restarting"
                + (healthy ? ", healthy" : "");
    }

    private static String display(final ContainerState state) {
        return state.getName() == null ? state.getId() : state.getName();
    }

    @Override
    public String toString() {
        return name + " on " + hosts.keySet();
    }
}
