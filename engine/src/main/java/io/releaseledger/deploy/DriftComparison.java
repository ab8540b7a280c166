package io.releaseledger.deploy;

import io.releaseledger.descriptor.DockerHostSpec;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.LoadBalancerSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares what a {@link DriftExecutor} observed with what the ledger and the descriptor expect: on every host one
 * running container per instance, named as the deploy names them, running the ledger's digest and labelled with its
 * version, and no other container with the environment's labels; every load-balancer server of the environment
 * ready and up; the environment's registry tag on the ledger's digest. A swarm environment's service and tasks are
 * compared by {@link ServiceComparison} in the same words. No I/O: it runs wherever the observation is.
 */
public final class DriftComparison {
    private static final int SHORT_DIGEST = 19;

    private final EnvironmentSpec environment;
    private final DriftExpectation expected;
    private final List<DriftFinding> findings = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();

    public DriftComparison(final EnvironmentSpec environment, final DriftExpectation expected) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    public DriftReport compare(final DriftObservation observed) {
        findings.clear();
        unknown.clear();
        seen.clear();
        containers(observed);
        if (expected.getVersion() != null) {
            servers(observed);
            registry(observed);
        }
        return new DriftReport(expected, findings, unknown, seen);
    }

    private void containers(final DriftObservation observed) {
        if (environment.isSwarm()) {
            new ServiceComparison(environment, expected, findings, unknown, seen).compare(observed);
            return;
        }
        Set<String> recorded = new HashSet<>(expected.getDeployments());
        for (DockerHostSpec host : environment.getHosts()) {
            String error = observed.getHostErrors().get(host.getName());
            if (error != null) {
                unknown.add("host " + host.getName() + ": " + error);
                continue;
            }
            Map<String, ObservedContainer> byName = new LinkedHashMap<>();
            observed.getContainers().stream().filter(c -> c.getHost().equals(host.getName()))
                    .forEach(c -> byName.put(c.getName(), c));
            int before = findings.size();
            int count = expected.getVersion() == null ? 0 : environment.getInstances().getCount();
            for (int i = 1; i <= count; i++) {
                String name = environment.getContainer().instanceName(i);
                ObservedContainer container = byName.remove(name);
                String subject = host.getName() + "/" + name;
                if (container == null) {
                    findings.add(new DriftFinding(DriftFinding.MISSING, subject, "running " + expected.getVersion(),
                            "no container"));
                    continue;
                }
                instance(subject, container, recorded);
            }
            for (ObservedContainer extra : byName.values()) {
                findings.add(new DriftFinding(DriftFinding.UNRECORDED, host.getName() + "/" + extra.getName(),
                        count == 0 ? "no container (nothing deployed)" : count + " instance" + (count == 1 ? "" : "s")
                                + " named " + environment.getContainer().instanceName(1) + "…",
                        "a container with the environment's labels" + (extra.isRunning() ? ", running " : ", ")
                                + describe(extra)));
            }
            if (findings.size() == before) {
                seen.add("host " + host.getName() + ": " + count + " container" + (count == 1 ? "" : "s")
                        + (count == 0 ? "" : " running " + expected.getVersion()));
            }
        }
    }

    private void instance(final String subject, final ObservedContainer container, final Set<String> recorded) {
        if (!container.isRunning()) {
            findings.add(new DriftFinding(DriftFinding.STOPPED, subject, "running",
                    container.getStatus() == null ? "not running" : container.getStatus()));
        }
        if (expected.getDigest() != null && !container.runs(expected.getDigest())) {
            findings.add(new DriftFinding(DriftFinding.IMAGE, subject, shortDigest(expected.getDigest()),
                    "runs " + describe(container)));
        }
        if (!expected.getVersion().equals(container.getVersion())) {
            findings.add(new DriftFinding(DriftFinding.VERSION, subject, expected.getVersion(),
                    container.getVersion() == null ? "no version label" : "labelled " + container.getVersion()));
        }
        if (container.getDeployment() == null || !recorded.contains(container.getDeployment())) {
            findings.add(new DriftFinding(DriftFinding.UNRECORDED, subject, "made by a recorded deploy",
                    container.getDeployment() == null ? "no deployment label"
                            : "deployment " + container.getDeployment() + " is not in the ledger"));
        }
    }

    private void servers(final DriftObservation observed) {
        LoadBalancerSpec lb = environment.getLoadBalancer();
        if (lb == null) {
            return;
        }
        if (observed.getLoadBalancerError() != null) {
            unknown.add("load balancer: " + observed.getLoadBalancerError());
            return;
        }
        Map<String, ObservedServer> byName = new LinkedHashMap<>();
        observed.getServers().forEach(server -> byName.put(server.getName(), server));
        int before = findings.size();
        int count = 0;
        for (DockerHostSpec host : environment.getHosts()) {
            // a swarm environment's one host is its manager, with a server per replica
            int instances = environment.isSwarm() ? environment.getSwarm().getReplicas()
                    : environment.getInstances().getCount();
            for (int i = 1; i <= instances; i++) {
                String name = lb.serverName(environment.getName(), host, i);
                ObservedServer server = byName.get(name);
                String subject = lb.getBackend() + "/" + name;
                count++;
                if (server == null) {
                    findings.add(new DriftFinding(DriftFinding.SERVER, subject, "READY/UP", "not in the backend"));
                } else if (!server.isServing()) {
                    findings.add(new DriftFinding(DriftFinding.SERVER, subject, "READY/UP",
                            server.getAdmin() + "/" + server.getOperational()));
                }
            }
        }
        if (findings.size() == before) {
            seen.add("backend " + lb.getBackend() + ": " + count + " server" + (count == 1 ? "" : "s") + " READY/UP");
        }
    }

    private void registry(final DriftObservation observed) {
        String tag = expected.getRegistryTag();
        if (tag == null || expected.getDigest() == null) {
            return;
        }
        if (observed.getRegistryError() != null || observed.getRegistryTag() == null) {
            unknown.add("registry tag " + tag + ": " + (observed.getRegistryError() == null ? "not read"
                    : observed.getRegistryError()));
            return;
        }
        String digest = observed.getRegistryDigest();
        if (digest == null) {
            findings.add(new DriftFinding(DriftFinding.REGISTRY_TAG, "tag " + tag, shortDigest(expected.getDigest()),
                    "the tag does not exist"));
        } else if (!digest.equals(expected.getDigest())) {
            findings.add(new DriftFinding(DriftFinding.REGISTRY_TAG, "tag " + tag, shortDigest(expected.getDigest()),
                    "points at " + shortDigest(digest)));
        } else {
            seen.add("registry tag " + tag + ": " + shortDigest(digest));
        }
    }

    static String describe(final ObservedContainer container) {
        String image = container.getImage() == null ? "" : container.getImage();
        String digest = container.getDigest() == null ? "an unknown image" : shortDigest(container.getDigest());
        if (image.contains("@") || image.isEmpty()) {
            return digest;
        }
        // Created from a tag: the manifest digests its image was pulled as say more than its image id.
        List<String> pulledAs = container.getRepoDigests().stream()
                .map(r -> shortDigest(r.substring(r.indexOf('@') + 1))).distinct().toList();
        return image + " (" + (pulledAs.isEmpty() ? "image id " + digest : String.join(", ", pulledAs)) + ")";
    }

    /** {@code sha256:1234abcd5678…}: enough to tell digests apart in a table. */
    static String shortDigest(final String digest) {
        return digest.length() <= SHORT_DIGEST ? digest : digest.substring(0, SHORT_DIGEST) + "…";
    }
}
