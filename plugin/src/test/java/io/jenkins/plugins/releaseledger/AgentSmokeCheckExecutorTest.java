package io.jenkins.plugins.releaseledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.AgentResponse;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.agent.SmokeProtocol;
import io.releaseledger.deploy.SmokeOutcome;
import io.releaseledger.deploy.SmokeRequest;
import io.releaseledger.report.Message;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The controller's side of smoke.run, with the agent replaced by canned responses. */
class AgentSmokeCheckExecutorTest {
    private static final String SECRET = "token-9f3e1c";
    private static final Map<String, Map<String, String>> CREDENTIALS = Map.of("shop-api-token",
            DeployProtocol.credential(DeployProtocol.KIND_SECRET, "RELEASE_LEDGER_CREDENTIAL_1"));

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<String> operations = new ArrayList<>();
    private final List<Map<String, Object>> requests = new ArrayList<>();

    private AgentSmokeCheckExecutor executor(final AgentResponse response) {
        return new AgentSmokeCheckExecutor("smokeCheck", (operation, options) -> {
            operations.add(operation);
            requests.add(options);
            return AgentOutcome.of(response.toJson(), response.isOk() ? 0 : 1, List.of(SECRET));
        }, new PrintStream(log, true, StandardCharsets.UTF_8), "schemaVersion: 1", "release-ledger.yaml", CREDENTIALS);
    }

    private static Map<String, Object> outcome(final boolean passed) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", "cart API");
        result.put("passed", passed);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("version", "1.4.0");
        report.put("passed", passed);
        report.put("results", List.of(result));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", passed);
        json.put("report", report);
        json.put("table", (passed ? "PASS" : "FAIL") + "  cart API\n");
        json.put("junitXml", "<testsuite name=\"smoke staging\"/>");
        json.put("summary", passed ? "Smoke checks passed: 1 of 1 in 12 ms" : "Smoke checks failed: 0 of 1 passed in 12 ms");
        return json;
    }

    @Test
    void shouldRunTheChecksOnTheAgentWithVariableNamesOnly() {
        AgentSmokeCheckExecutor executor = executor(AgentResponse.success(outcome(true),
                List.of(new Message(Message.Level.INFO, "cart API: passed"))));

        SmokeOutcome outcome = executor.run(new SmokeRequest("staging").setVersion("1.4.0").setFailFast(true));

        assertThat(outcome.isPassed()).isTrue();
        assertThat(outcome.getSummary()).startsWith("Smoke checks passed");
        assertThat(operations).containsExactly(SmokeProtocol.RUN);
        Map<String, Object> options = requests.get(0);
        assertThat(options).containsEntry("descriptor", "schemaVersion: 1").containsEntry("environment", "staging")
                .containsKey("request");
        assertThat(options.get("credentials").toString()).contains("RELEASE_LEDGER_CREDENTIAL_1").doesNotContain(SECRET);
        assertThat(options.get("request").toString()).contains("1.4.0");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("cart API: passed").contains("PASS  cart API");
        assertThat(executor.getOutcome()).isSameAs(outcome);
    }

    @Test
    void shouldReturnFailedChecksAsAnOutcomeNotAnException() {
        SmokeOutcome outcome = executor(AgentResponse.success(outcome(false), List.of()))
                .run(new SmokeRequest("staging"));

        assertThat(outcome.isPassed()).isFalse();
        assertThat(SmokeCheckOptions.failedChecks(outcome.getReport())).containsExactly("cart API");
    }

    @Test
    void shouldPrintTheTableMaskedAsSoonAsItArrives() {
        Map<String, Object> leaky = outcome(false);
        leaky.put("table", "FAIL  cart API  got Bearer " + SECRET + "\n");

        SmokeOutcome outcome = executor(AgentResponse.success(leaky, List.of())).run(new SmokeRequest("staging"));

        assertThat(outcome.isPassed()).isFalse();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("FAIL  cart API  got Bearer").doesNotContain(SECRET);
    }

    @Test
    void shouldFailWithTheAgentsMaskedErrorAndPrintItsMaskedMessages() {
        AgentSmokeCheckExecutor executor = executor(AgentResponse.failure("the secret " + SECRET + " was refused",
                List.of(new Message(Message.Level.WARNING, "header " + SECRET))));

        assertThatThrownBy(() -> executor.run(new SmokeRequest("staging")))
                .isInstanceOf(ReleaseLedgerException.class)
                .hasMessageContaining("was refused").hasMessageNotContaining(SECRET);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARNING: header").doesNotContain(SECRET);
    }

    @Test
    void shouldKeepTheInterruptionForTheExecutionAndRunNoMore() {
        AgentSmokeCheckExecutor executor = new AgentSmokeCheckExecutor("smokeCheck", (operation, options) -> {
            operations.add(operation);
            throw new InterruptedException("aborted");
        }, new PrintStream(log, true, StandardCharsets.UTF_8), "x", "x", Map.of());

        assertThatThrownBy(() -> executor.run(new SmokeRequest("staging")))
                .isInstanceOf(ReleaseLedgerException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(executor.getInterruption()).hasMessage("aborted");
        assertThatThrownBy(() -> executor.run(new SmokeRequest("staging"))).isInstanceOf(ReleaseLedgerException.class);
        assertThat(operations).hasSize(1);
    }

    @Test
    void shouldFailWhenTheAgentCannotBeStarted() {
        AgentSmokeCheckExecutor executor = new AgentSmokeCheckExecutor("smokeCheck", (operation, options) -> {
            throw new IOException("java: not found");
        }, new PrintStream(log, true, StandardCharsets.UTF_8), "x", "x", Map.of());

        assertThatThrownBy(() -> executor.run(new SmokeRequest("staging")))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("java: not found");
    }

    @Test
    void shouldRefuseAResultThatIsNoSmokeOutcome() {
        AgentSmokeCheckExecutor executor = executor(AgentResponse.success(Map.of("passed", true), List.of()));

        assertThatThrownBy(() -> executor.run(new SmokeRequest("staging"))).isInstanceOf(ReleaseLedgerException.class)
                .hasMessageContaining(SmokeProtocol.RUN);
    }
}
