package io.jenkins.plugins.releaseledger;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.deploy.DriftExpectation;
import io.releaseledger.deploy.DriftObservation;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * driftCheck's observer against the CLI jar the plugin ships, started as the step starts it, with the request the
 * step's agent call builds (the step's overrides added, as ControllerSetup adds them to every request): the agent
 * observes the descriptor the controller compares with. The host refuses connections, so the observation says it
 * could not be read (no Docker needed).
 */
class DriftAgentRoundTripTest {
    private static final String DESCRIPTOR = """
            schemaVersion: 1
            application: shop
            image: 127.0.0.1:1/team/shop
            environments:
              - name: production
                hosts: [tcp://127.0.0.1:1]
            """;
    private static final Map<String, String> OVERRIDES = Map.of("environments.production.hosts.0", "tcp://127.0.0.2:1");

    @TempDir
    Path temp;

    @Test
    void shouldObserveTheOverriddenDescriptorOnTheShippedAgent() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AgentDriftExecutor observer = new AgentDriftExecutor(DriftCheckStep.FUNCTION_NAME, (operation, options) ->
                new ShippedAgent(workspace).run(new AgentRequest(operation, workspace.toString(),
                        DeployProtocol.withOverrides(new LinkedHashMap<>(options), OVERRIDES)), Map.of(),
                        new PrintStream(log, true, StandardCharsets.UTF_8)),
                new PrintStream(log, true, StandardCharsets.UTF_8), DESCRIPTOR, "release-ledger.yaml", Map.of());
        ReleaseDescriptor overridden = DescriptorLoader.parse(DESCRIPTOR, "release-ledger.yaml").withOverrides(OVERRIDES);
        String host = overridden.getEnvironment("production").orElseThrow().getHosts().get(0).getName();

        DriftObservation seen = observer.observe(new DriftExpectation("production", "1.4.0", "sha256:" + "a".repeat(64),
                List.of("d-1")));

        assertThat(host).isNotEqualTo(DescriptorLoader.parse(DESCRIPTOR, "release-ledger.yaml")
                .getEnvironment("production").orElseThrow().getHosts().get(0).getName());
        assertThat(seen.getHostErrors()).containsOnlyKeys(host);
        assertThat(seen.getContainers()).isEmpty();
    }
}
