package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.releaseledger.agent.AgentResponse;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.deploy.DeployCommand;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.deploy.PlannedInstance;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A swarm environment takes the deployStage step's one path: the controller reads the descriptor (its swarm section
 * included), sends it to the agent with every operation, and keeps the ledger from what the agent reports; a
 * deploy that Swarm rolled back comes back as a failure with its events recorded.
 */
class SwarmDeployGlueTest {
    private static final String DESCRIPTOR = "schemaVersion: 1\n"
            + "application: shop\n"
            + "image: registry.example.com/shop\n"
            + "environments:\n"
            + "  - name: staging\n"
            + "    hosts: [unix:///var/run/docker.sock]\n"
            + "    container: {network: host}\n"
            + "    instances: {ports: [18601, 18602]}\n"
            + "    swarm: {service: shop-web, update: {parallelism: 1, failureAction: rollback, monitor: 5s}}\n";

    @TempDir
    Path temp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<String> operations = new ArrayList<>();
    private final List<Map<String, Object>> requests = new ArrayList<>();

    private AgentDeploymentExecutor agent(final AgentResponse... responses) {
        List<AgentResponse> queue = new ArrayList<>(List.of(responses));
        ActiveDeployments deployments = new ActiveDeployments();
        return new AgentDeploymentExecutor("deployStage", (operation, options) -> {
            operations.add(operation);
            requests.add(options);
            AgentResponse response = queue.remove(0);
            return AgentOutcome.of(response.toJson(), response.isOk() ? 0 : 1, List.of());
        }, new PrintStream(log, true, StandardCharsets.UTF_8), DESCRIPTOR, "release-ledger.yaml", Map.of(),
                deployments.open("deployStage staging ← 1.4.0"));
    }

    /** The plan the agent makes for a swarm environment: one batch of the service's slots. */
    private static AgentResponse planned() {
        List<PlannedInstance> slots = List.of(
                new PlannedInstance("local", "unix:///var/run/docker.sock", "127.0.0.1", 1, "shop-web.1", 18601, null,
                        null, null),
                new PlannedInstance("local", "unix:///var/run/docker.sock", "127.0.0.1", 2, "shop-web.2", 18602, null,
                        null, null));
        DeploymentPlan plan = new DeploymentPlan("d-1", "shop", "staging", "1.4.0", null,
                "registry.example.com/shop", "1.4.0", "sha256:" + "a".repeat(64), "swarm", List.of(slots));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("plan", plan.toJson());
        return AgentResponse.success(result, List.of());
    }

    private static AgentResponse executed(final boolean succeeded, final String message, final String... types) {
        List<Object> events = new ArrayList<>();
        for (String type : types) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", type);
            event.put("environment", "staging");
            event.put("data", Map.of("version", "1.4.0"));
            events.add(event);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("succeeded", succeeded);
        result.put("message", message);
        result.put("durationMillis", 9000);
        result.put("events", events);
        return AgentResponse.success(result, List.of());
    }

    private static AgentResponse tagged() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("warnings", List.of());
        return AgentResponse.success(result, List.of());
    }

    private DeployCommand deploy(final ReleaseDescriptor descriptor, final Ledger ledger,
            final AgentDeploymentExecutor executor) {
        return new DeployCommand(descriptor, "staging", "1.4.0", ledger, executor)
                .setActor(new Actor("alice", "Alice")).setOrigin(Origin.cli("alice", "test"))
                .setLockTimeout(Duration.ZERO);
    }

    @Test
    void shouldReadTheSwarmSectionOnTheController() throws AbortException {
        EnvironmentSpec staging = ControllerSetup.parse("deployStage", DESCRIPTOR, "release-ledger.yaml", Map.of())
                .getEnvironments().get(0);

        assertThat(staging.isSwarm()).isTrue();
        assertThat(staging.getSwarm().getService()).isEqualTo("shop-web");
        assertThat(staging.getInstanceCount()).isEqualTo(2);
    }

    @Test
    void shouldHandTheSwarmEnvironmentToTheAgentAndRecordItsSuccess() throws Exception {
        ReleaseDescriptor descriptor = ControllerSetup.parse("deployStage", DESCRIPTOR, "release-ledger.yaml",
                Map.of());
        try (Ledger ledger = Ledger.open(temp.resolve("ledger"), "shop")) {
            DeploymentResult result = deploy(descriptor, ledger, agent(planned(),
                    executed(true, null, "check.recorded", "deployment.succeeded"), tagged())).call();

            assertThat(operations).containsExactly(DeployProtocol.PLAN, DeployProtocol.EXECUTE, DeployProtocol.TAG);
            assertThat(requests).allSatisfy(options -> assertThat(options).containsEntry("descriptor", DESCRIPTOR));
            assertThat(result.getPlan().getStrategy()).isEqualTo("swarm");
            assertThat(DeployOptions.returnValue(result)).containsEntry("environment", "staging")
                    .containsEntry("version", "1.4.0");
            assertThat(ledger.events("staging")).extracting(LedgerEvent::getType).contains("deployment.started",
                    "check.recorded", "deployment.succeeded");
        }
    }

    @Test
    void shouldFailTheStepWhenSwarmRolledTheUpdateBack() throws Exception {
        ReleaseDescriptor descriptor = ControllerSetup.parse("deployStage", DESCRIPTOR, "release-ledger.yaml",
                Map.of());
        try (Ledger ledger = Ledger.open(temp.resolve("ledger"), "shop")) {
            assertThatThrownBy(() -> deploy(descriptor, ledger, agent(planned(), executed(false,
                    "Swarm rolled the update of service shop-web back: update paused due to failure",
                    "check.recorded", "deployment.failed"))).call())
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("Swarm rolled the update of service shop-web back");

            assertThat(ledger.events("staging")).extracting(LedgerEvent::getType).contains("deployment.started",
                    "deployment.failed").doesNotContain("deployment.succeeded");
        }
    }
}
