package io.releaseledger.descriptor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.releaseledger.descriptor.DescriptorLoaderTest.catchDescriptorException;
import static io.releaseledger.descriptor.DescriptorLoaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

class OverridesTest {
    private final ReleaseDescriptor example = DescriptorLoader.parse(resource("complete-example.yaml"));

    @Test
    void shouldOverrideSingleValues() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("environments.staging.strategy", "recreate");
        overrides.put("environments.production.strategy.batchSize", "3");
        overrides.put("environments.production.loadBalancer.drainTimeout", "5s");
        overrides.put("image", "registry.example.com:5000/team/shop-hotfix");

        ReleaseDescriptor changed = example.withOverrides(overrides);

        assertThat(changed.getImage()).isEqualTo("registry.example.com:5000/team/shop-hotfix");
        EnvironmentSpec staging = changed.getEnvironment("staging").orElseThrow();
        assertThat(staging.getStrategy().getType()).isEqualTo(StrategySpec.Type.RECREATE);
        EnvironmentSpec production = changed.getEnvironment("production").orElseThrow();
        assertThat(production.getStrategy().getBatchSize()).isEqualTo(3);
        assertThat(production.getStrategy().isCanary()).isTrue();
        assertThat(production.getLoadBalancer().getDrainTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(example.getEnvironment("staging").orElseThrow().getStrategy().getType())
                .as("the original is unchanged").isEqualTo(StrategySpec.Type.ROLLING);
    }

    @Test
    void shouldExpandAShorthandWhenOverridingInsideIt() {
        ReleaseDescriptor descriptor = DescriptorLoader.parse(resource("minimal.yaml")).withOverrides(Map.of(
                "environments.dev.strategy", "rolling",
                "environments.dev.instances", "1",
                "environments.dev.healthGate.timeout", "10s"));

        ReleaseDescriptor changed = descriptor.withOverrides(Map.of("environments.dev.strategy.type", "recreate"));

        assertThat(changed.getEnvironments().get(0).getStrategy().getType()).isEqualTo(StrategySpec.Type.RECREATE);
        assertThat(changed.getEnvironments().get(0).getHealthGate().getTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldValidateOverriddenValuesLikeTheFile() {
        DescriptorException error = catchDescriptorException(() -> example.withOverrides(Map.of(
                "environments.staging.strategy", "big-bang",
                "environments.production.strategy.batchSize", "7",
                "environments.staging.replicas", "3",
                "environments.prod.loadBalancer.drainTimeout", "5s",
                "environments.staging.hosts.0.url", "x")));

        assertThat(error).hasMessageStartingWith("release-ledger.yaml with overrides has 5 problems:");
        assertThat(error.getProblems()).extracting(DescriptorProblem::toString).containsExactlyInAnyOrder(
                "environments: no item 'prod'; did you mean 'production'? (override environments.prod.loadBalancer.drainTimeout)",
                "environments[0].hosts[0]: holds a single value; override 'environments[0].hosts[0]' itself "
                        + "(override environments.staging.hosts.0.url)",
                "environments[0]: unknown key 'replicas'; did you mean 'instances'? "
                        + "(override environments.staging.replicas)",
                "environments[0].strategy: unknown strategy 'big-bang'; use recreate or rolling "
                        + "(override environments.staging.strategy)",
                "environments[1].strategy.batchSize: batch size 7 is larger than the 6 instances of this environment "
                        + "(override environments.production.strategy.batchSize)");
    }

    @Test
    void shouldRefuseOverridesOfPolicyKeys() {
        DescriptorException error = catchDescriptorException(() -> example.withOverrides(Map.of(
                "environments.production.protected", "false",
                "environments.1.name", "production-2",
                "application", "someone-elses-app")));

        assertThat(error.getProblems()).extracting(DescriptorProblem::toString).containsExactlyInAnyOrder(
                "application: 'application' cannot be overridden: " + Overrides.POLICY_REASON
                        + " (override application)",
                "environments.1.name: 'environments.1.name' cannot be overridden: " + Overrides.POLICY_REASON
                        + " (override environments.1.name)",
                "environments.production.protected: 'environments.production.protected' cannot be overridden: "
                        + Overrides.POLICY_REASON + " (override environments.production.protected)");
    }

    @Test
    void shouldRefuseMalformedKeys() {
        assertThat(catchDescriptorException(() -> example.withOverrides(Map.of("environments..strategy", "rolling")))
                .getProblems()).extracting(DescriptorProblem::toString).containsExactly(
                "environments..strategy: 'environments..strategy' is not an override key; write a dotted path such as "
                        + "environments.staging.strategy (override environments..strategy)");
    }

    @Test
    void shouldReturnTheSameDescriptorWithoutOverrides() {
        assertThat(example.withOverrides(Map.of())).isSameAs(example);
    }
}
