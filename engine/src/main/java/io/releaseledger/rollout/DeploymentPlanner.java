package io.releaseledger.rollout;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.PlannedInstance;
import io.releaseledger.deploy.PreviousRelease;
import io.releaseledger.descriptor.DockerHostSpec;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.LoadBalancerSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.descriptor.StrategySpec;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.registry.ImageReference;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.registry.ResolvedImage;
import io.releaseledger.swarm.SwarmService;
import io.releaseledger.version.SemanticVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes the {@link DeploymentPlan} of one version for one environment: asks every host for its version (a host
 * that does not answer fails here, with every other one that does not, before anything changes; see
 * {@link HostPreflight}), resolves the image's tag to its digest in the registry (a missing image fails here,
 * before any host is touched), finds what runs on each host by the
 * containers' labels, refuses a version older than the one running unless allowed, and cuts the instances into
 * batches.
 *
 * <pre>{@code
 * DeploymentPlan plan = new DeploymentPlanner(descriptor, "staging", "1.5.0", registry, targets)
 *         .setBuild("shop/main#212")
 *         .plan();
 * }</pre>
 */
public final class DeploymentPlanner {
    private final ReleaseDescriptor descriptor;
    private final EnvironmentSpec environment;
    private final String version;
    private final RegistryClient registry;
    private final DeployTargets targets;
    private String tag;
    private String digest;
    private String build;
    private String commit;
    private boolean allowDowngrade;

    /**
     * @param registry the client of the image's registry; may be {@code null} when the digest is given
     */
    public DeploymentPlanner(final ReleaseDescriptor descriptor, final String environment, final String version,
            final RegistryClient registry, final DeployTargets targets) {
        this.descriptor = descriptor;
        this.environment = descriptor.getEnvironment(environment).orElseThrow(() -> new DeploymentException(
                "The descriptor " + descriptor.getSource() + " has no environment '" + environment + "'; it has "
                        + descriptor.getEnvironments().stream().map(EnvironmentSpec::getName).toList() + "."));
        if (version == null || version.isBlank()) {
            throw new DeploymentException("A deploy to " + environment + " needs the version to deploy.");
        }
        this.version = version;
        this.registry = registry;
        this.targets = targets;
    }

    /** The image tag to resolve; default the version. */
    public DeploymentPlanner setTag(final String tag) {
        this.tag = tag;
        return this;
    }

    /** The digest to deploy ({@code sha256:…}) without resolving a tag: promotions and rollbacks. */
    public DeploymentPlanner setDigest(final String digest) {
        this.digest = digest;
        return this;
    }

    /** The build label of the new containers, such as {@code shop/main#212}. */
    public DeploymentPlanner setBuild(final String build) {
        this.build = build;
        return this;
    }

    /** The commit the version was built from, recorded with the deployment. */
    public DeploymentPlanner setCommit(final String commit) {
        this.commit = commit;
        return this;
    }

    /** Allows a version older (by SemVer precedence) than the one running; rollback is the normal way back. */
    public DeploymentPlanner setAllowDowngrade(final boolean allowDowngrade) {
        this.allowDowngrade = allowDowngrade;
        return this;
    }

    public EnvironmentSpec getEnvironment() {
        return environment;
    }

    /**
     * @throws DeploymentException when the image does not exist, a host cannot be read, or the version is older
     *         than the one running
     */
    public DeploymentPlan plan() {
        new HostPreflight(environment, targets).check();
        ImageReference repository = ImageReference.parse(descriptor.getImage());
        String resolvedTag = null;
        String resolvedDigest = digest;
        if (resolvedDigest == null) {
            resolvedTag = tag == null ? version : tag;
            if (registry == null) {
                throw new DeploymentException("Cannot resolve " + repository.getName() + ":" + resolvedTag
                        + " without a registry client.");
            }
            try {
                ResolvedImage resolved = registry.resolve(repository.getRepository(), resolvedTag);
                resolvedDigest = resolved.getDigest();
            } catch (RuntimeException e) {
                throw new DeploymentException("Image " + repository.getName() + ":" + resolvedTag
                        + " cannot be deployed to " + environment.getName() + ": " + e.getMessage()
                        + " Nothing was changed on any host.", e);
            }
        }
        if (environment.isSwarm()) {
            return swarmPlan(repository, resolvedTag, resolvedDigest);
        }
        List<PlannedInstance> instances = new ArrayList<>();
        SemanticVersion newest = null;
        String newestWhere = null;
        for (DockerHostSpec host : environment.getHosts()) {
            Map<String, ContainerSummary> running = running(host);
            for (int i = 1; i <= environment.getInstances().getCount(); i++) {
                String name = environment.getContainer().instanceName(i);
                ContainerSummary current = running.get(name);
                PreviousRelease previous = previous(current);
                if (previous != null && previous.getVersion() != null) {
                    Optional<SemanticVersion> parsed = SemanticVersion.tryParse(previous.getVersion());
                    if (parsed.isPresent() && (newest == null || parsed.get().compareTo(newest) > 0)) {
                        newest = parsed.get();
                        newestWhere = host.getName() + "/" + name;
                    }
                }
                LoadBalancerSpec lb = environment.getLoadBalancer();
                instances.add(new PlannedInstance(host.getName(), host.getUrl(), host.getAddress(), i, name,
                        environment.getInstances().port(i), lb == null ? null : lb.getBackend(),
                        lb == null ? null : lb.serverName(environment.getName(), host, i), previous));
            }
        }
        refuseDowngrade(newest, newestWhere);
        StrategySpec strategy = environment.getStrategy();
        return new DeploymentPlan(UUID.randomUUID().toString(), descriptor.getApplication(), environment.getName(),
                version, build, repository.getName(), resolvedTag, resolvedDigest,
                strategy.getType().name().toLowerCase(java.util.Locale.ROOT), batches(instances, strategy))
                .withCommit(commit);
    }

    /**
     * A swarm environment's plan: one batch of every replica's slot (Swarm replaces them as its update config says),
     * each replacing what the service's spec runs now, as its labels say.
     */
    private DeploymentPlan swarmPlan(final ImageReference repository, final String resolvedTag,
            final String resolvedDigest) {
        DockerHostSpec manager = environment.getHosts().get(0);
        String service = environment.getSwarm().getService();
        SwarmService current;
        try {
            current = targets.swarm(manager.getName()).inspect(service).orElse(null);
        } catch (RuntimeException e) {
            throw new DeploymentException("Cannot read Swarm service " + service + " on " + manager.getName() + " ("
                    + manager.getUrl() + ") of " + environment.getName() + ": " + e.getMessage()
                    + " Nothing was changed.", e);
        }
        PreviousRelease previous = SwarmDeployer.previous(current);
        if (previous != null && previous.getVersion() != null) {
            refuseDowngrade(SemanticVersion.tryParse(previous.getVersion()).orElse(null),
                    manager.getName() + "/" + service);
        }
        // with two port sets the plan's ports and servers are those of the set the service does not run on now
        List<PlannedInstance> instances = SwarmPortSet.next(environment, current).instances(environment, manager,
                previous);
        return new DeploymentPlan(UUID.randomUUID().toString(), descriptor.getApplication(), environment.getName(),
                version, build, repository.getName(), resolvedTag, resolvedDigest, SwarmDeployer.STRATEGY,
                List.of(instances)).withCommit(commit);
    }

    private Map<String, ContainerSummary> running(final DockerHostSpec host) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.APPLICATION, descriptor.getApplication());
        labels.put(Labels.ENVIRONMENT, environment.getName());
        Map<String, ContainerSummary> byName = new LinkedHashMap<>();
        try {
            ContainerEngine engine = targets.engine(host.getName());
            for (ContainerSummary summary : engine.findByLabels(labels)) {
                byName.put(summary.getName(), summary);
            }
        } catch (RuntimeException e) {
            throw new DeploymentException("Cannot read what runs on host " + host.getName() + " (" + host.getUrl()
                    + ") of " + environment.getName() + ": " + e.getMessage() + " Nothing was changed.", e);
        }
        return byName;
    }

    private static PreviousRelease previous(final ContainerSummary current) {
        if (current == null) {
            return null;
        }
        Map<String, String> labels = current.getLabels();
        String image = current.getImage();
        String digest = labels.get(Labels.DIGEST);
        if (digest == null && image != null && image.contains("@")) {
            digest = image.substring(image.indexOf('@') + 1);
        }
        if (digest == null || image == null) {
            return null;
        }
        return new PreviousRelease(labels.get(Labels.VERSION), image.contains("@") ? image
                : ImageReference.parse(image).withDigest(digest), digest, labels.get(Labels.BUILD), current.getId());
    }

    private void refuseDowngrade(final SemanticVersion newest, final String where) {
        if (newest == null || allowDowngrade) {
            return;
        }
        Optional<SemanticVersion> requested = SemanticVersion.tryParse(version);
        if (requested.isPresent() && requested.get().compareTo(newest) < 0) {
            throw new DeploymentException("Refusing to deploy " + version + " to " + environment.getName() + ": "
                    + newest + " runs there (" + where + ") and is newer. Roll back to return to an older release, "
                    + "or allow the downgrade explicitly. Nothing was changed.");
        }
    }

    private static List<List<PlannedInstance>> batches(final List<PlannedInstance> instances,
            final StrategySpec strategy) {
        List<List<PlannedInstance>> batches = new ArrayList<>();
        if (strategy.getType() == StrategySpec.Type.RECREATE) {
            batches.add(instances);
            return batches;
        }
        int next = 0;
        if (strategy.isCanary() && instances.size() > 1) {
            batches.add(List.of(instances.get(0)));
            next = 1;
        }
        int size = Math.max(1, strategy.getBatchSize());
        for (int i = next; i < instances.size(); i += size) {
            batches.add(new ArrayList<>(instances.subList(i, Math.min(instances.size(), i + size))));
        }
        return batches;
    }
}
