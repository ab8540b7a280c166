package io.jenkins.plugins.releaseledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.AgentResponse;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.agent.DriftProtocol;
import io.releaseledger.deploy.DriftExpectation;
import io.releaseledger.deploy.DriftObservation;
import io.releaseledger.deploy.ObservedContainer;
import io.releaseledger.deploy.ObservedServer;
import io.releaseledger.report.Message;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The controller's side of drift.observe, with the agent replaced by canned responses. */
class AgentDriftExecutorTest {
    private static final Map<String, Map<String, String>> CREDENTIALS = Map.of("docker-prod-tls",
            DeployProtocol.credential(DeployProtocol.KIND_DOCKER_TLS, "RELEASE_LEDGER_CREDENTIAL_1"));
    private static final DriftExpectation EXPECTED = new DriftExpectation("production", "1.4.0",
            "sha256:" + "a".repeat(64), List.of("d-1")).setRegistryTag("production");

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<String> operations = new ArrayList<>();
    private final List<Map<String, Object>> requests = new ArrayList<>();

    private AgentDriftExecutor executor(final AgentResponse response) {
        return new AgentDriftExecutor("drift", (operation, options) -> {
            operations.add(operation);
            requests.add(options);
            return AgentOutcome.of(response.toJson(), response.isOk() ? 0 : 1, List.of());
        }, new PrintStream(log, true, StandardCharsets.UTF_8), "schemaVersion: 1", "release-ledger.yaml", CREDENTIALS);
    }

    @Test
    void shouldObserveOnTheAgentAndReadTheObservation() {
        DriftObservation seen = new DriftObservation("production")
                .addContainer(new ObservedContainer("app1", "shop-production-1", "r/shop@sha256:" + "b".repeat(64),
                        "sha256:" + "b".repeat(64), true, "running").setVersion("1.4.0").setDeployment("d-1"))
                .addServer(new ObservedServer("app1-1", "MAINT", "DOWN")).setRegistry("production", null, null);

        DriftObservation observation = executor(AgentResponse.success(seen.toJson(),
                List.of(new Message(Message.Level.INFO, "read 1 host")))).observe(EXPECTED);

        assertThat(observation.toJson()).isEqualTo(seen.toJson());
        assertThat(operations).containsExactly(DriftProtocol.OBSERVE);
        assertThat(requests.get(0)).containsEntry("environment", "production").containsEntry("request",
                EXPECTED.toJson());
        assertThat(requests.get(0).get("credentials").toString()).contains("RELEASE_LEDGER_CREDENTIAL_1");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("read 1 host");
    }

    @Test
    void shouldTurnAnAgentErrorIntoAnException() {
        assertThatThrownBy(() -> executor(AgentResponse.failure("the descriptor has no environment 'production'",
                List.of())).observe(EXPECTED)).isInstanceOf(ReleaseLedgerException.class)
                .hasMessageContaining("no environment 'production'");
    }

    @Test
    void shouldKeepTheInterruptionForTheCaller() {
        AgentDriftExecutor executor = new AgentDriftExecutor("drift", (operation, options) -> {
            throw new InterruptedException("aborted");
        }, new PrintStream(log, true, StandardCharsets.UTF_8), "schemaVersion: 1", "release-ledger.yaml", Map.of());

        assertThatThrownBy(() -> executor.observe(EXPECTED)).hasMessageContaining("interrupted");
        assertThat(executor.getInterruption()).hasMessage("aborted");
    }

    @Test
    void shouldReportAnAgentThatCannotBeStarted() {
        AgentDriftExecutor executor = new AgentDriftExecutor("drift", (operation, options) -> {
            throw new IOException("no java");
        }, new PrintStream(log, true, StandardCharsets.UTF_8), "schemaVersion: 1", "release-ledger.yaml", Map.of());

        assertThatThrownBy(() -> executor.observe(EXPECTED)).hasMessageContaining(DriftProtocol.OBSERVE)
                .hasMessageContaining("no java");
    }
}
