package io.releaseledger.descriptor;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** One environment of the promotion order: where and how a release is deployed there. */
public final class EnvironmentSpec {
    private final String name;
    private final boolean protectedEnvironment;
    private final List<DockerHostSpec> hosts;
    private final ContainerSpec container;
    private final InstancesSpec instances;
    private final StrategySpec strategy;
    private final LoadBalancerSpec loadBalancer;
    private final HealthGateSpec healthGate;
    private final String promotesFrom;
    private final Set<PromotionRequirement> requires;
    private final RegistryTagsSpec registryTags;
    private SmokeChecksSpec smokeChecks = SmokeChecksSpec.none();
    private SwarmSpec swarm;

    EnvironmentSpec(final String name, final boolean protectedEnvironment, final List<DockerHostSpec> hosts,
            final ContainerSpec container, final InstancesSpec instances, final StrategySpec strategy,
            final LoadBalancerSpec loadBalancer, final HealthGateSpec healthGate, final String promotesFrom,
            final Set<PromotionRequirement> requires, final RegistryTagsSpec registryTags) {
        this.name = name;
        this.protectedEnvironment = protectedEnvironment;
        this.hosts = List.copyOf(hosts);
        this.container = container;
        this.instances = instances;
        this.strategy = strategy;
        this.loadBalancer = loadBalancer;
        this.healthGate = healthGate;
        this.promotesFrom = promotesFrom;
        this.requires = requires.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(requires));
        this.registryTags = registryTags;
    }

    public String getName() {
        return name;
    }

    /** Deploying here needs the plugin's deploy permission for protected environments. */
    public boolean isProtected() {
        return protectedEnvironment;
    }

    /** The Docker hosts, at least one. */
    public List<DockerHostSpec> getHosts() {
        return hosts;
    }

    public ContainerSpec getContainer() {
        return container;
    }

    public InstancesSpec getInstances() {
        return instances;
    }

    /** All instances of the environment: hosts times instances per host. */
    public int getInstanceCount() {
        return hosts.size() * instances.getCount();
    }

    public StrategySpec getStrategy() {
        return strategy;
    }

    /** The load balancer, or {@code null} when the environment has none. */
    public LoadBalancerSpec getLoadBalancer() {
        return loadBalancer;
    }

    public HealthGateSpec getHealthGate() {
        return healthGate;
    }

    /** The environment releases come from, or {@code null} when any build may deploy here. */
    public String getPromotesFrom() {
        return promotesFrom;
    }

    /** What a release must have achieved in {@link #getPromotesFrom()}; empty without it. */
    public Set<PromotionRequirement> getRequires() {
        return requires;
    }

    public RegistryTagsSpec getRegistryTags() {
        return registryTags;
    }

    /** The environment's {@code smokeChecks}; without the section, a spec without checks. */
    public SmokeChecksSpec getSmokeChecks() {
        return smokeChecks;
    }

    /**
     * The port instance {@code instance} (from 1) serves on, as checks reach it: from {@code instances.ports}, or
     * for a single instance the published host port; 0 when the descriptor does not say.
     */
    public int instancePort(final int instance) {
        return DescriptorRules.instancePort(this, instance);
    }

    /** The Swarm service this environment is deployed as, {@code null} for containers on the hosts. */
    public SwarmSpec getSwarm() {
        return swarm;
    }

    /** Whether a deploy here updates a Swarm service instead of replacing containers. */
    public boolean isSwarm() {
        return swarm != null;
    }

    void setSwarm(final SwarmSpec swarm) {
        this.swarm = swarm;
    }

    void setSmokeChecks(final SmokeChecksSpec smokeChecks) {
        this.smokeChecks = smokeChecks;
    }

    @Override
    public String toString() {
        return name;
    }
}
