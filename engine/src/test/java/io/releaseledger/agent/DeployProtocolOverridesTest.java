package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.descriptor.DescriptorException;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.descriptor.StrategySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The agent reads the descriptor the controller read: the step's overrides travel with every request. */
class DeployProtocolOverridesTest {
    private static final String DESCRIPTOR = "schemaVersion: 1\n"
            + "application: shop\n"
            + "image: 127.0.0.1:5000/shop\n"
            + "environments:\n"
            + "  - name: dev\n"
            + "    hosts: [unix:///var/run/docker.sock]\n";
    private static final Set<String> KNOWN = Set.of("descriptor", "descriptorSource", DeployProtocol.OVERRIDES);

    private static Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("descriptor", DESCRIPTOR);
        options.put("descriptorSource", "release-ledger.yaml");
        return options;
    }

    @Test
    void shouldApplyTheOverridesTheOptionsCarry() {
        Map<String, Object> options = DeployProtocol.withOverrides(options(), Map.of("environments.dev.strategy",
                "recreate"));

        ReleaseDescriptor descriptor = DeployProtocol.readDescriptor(new OptionReader("deploy.plan", options, KNOWN));

        assertThat(descriptor.getEnvironments().get(0).getStrategy().getType()).isEqualTo(StrategySpec.Type.RECREATE);
        assertThat(descriptor.getOverrides()).containsExactly(Map.entry("environments.dev.strategy", "recreate"));
    }

    @Test
    void shouldAddNothingWithoutOverrides() {
        assertThat(DeployProtocol.withOverrides(options(), Map.of())).doesNotContainKey(DeployProtocol.OVERRIDES);
    }

    @Test
    void shouldRefuseAPolicyOverrideOnTheAgentToo() {
        Map<String, Object> options = DeployProtocol.withOverrides(options(), Map.of("environments.dev.protected",
                "false"));

        assertThatThrownBy(() -> DeployProtocol.readDescriptor(new OptionReader("deploy.plan", options, KNOWN)))
                .isInstanceOf(DescriptorException.class).hasMessageContaining("cannot be overridden");
    }
}
