package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.agent.AgentResponse;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.deploy.LedgerDeploymentRecorder;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.deploy.PlanRequest;
import io.releaseledger.report.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/** The controller's side of the deploy operations, with the agent replaced by canned responses. */
class AgentDeploymentExecutorTest {
    private static final String SECRET = "hunter2-registry";
    private static final Map<String, Map<String, String>> CREDENTIALS = Map.of("shop-db",
            DeployProtocol.credential(DeployProtocol.KIND_SECRET, "RELEASE_LEDGER_CREDENTIAL_1"));

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final ActiveDeployments deployments = new ActiveDeployments();
    private final ActiveDeployments.Entry activity = deployments.open("deployStage staging ← 1.4.0");
    private final List<String> operations = new ArrayList<>();
    private final List<Map<String, Object>> requests = new ArrayList<>();
    private final List<String> recorded = new ArrayList<>();

    private AgentDeploymentExecutor executor(final AgentResponse... responses) {
        List<AgentResponse> queue = new ArrayList<>(List.of(responses));
        return new AgentDeploymentExecutor("deployStage", (operation, options) -> {
            operations.add(operation);
            requests.add(options);
            AgentResponse response = queue.remove(0);
            return AgentOutcome.of(response.toJson(), response.isOk() ? 0 : 1, List.of(SECRET));
        }, new PrintStream(log, true, StandardCharsets.UTF_8), "schemaVersion: 1", "release-ledger.yaml", CREDENTIALS,
                activity);
    }

    private static DeploymentPlan plan() {
        return new DeploymentPlan("d-1", "shop", "staging", "1.4.0", "shop#3", "registry.example.com/shop", "1.4.0",
                "sha256:" + "a".repeat(64), "rolling", List.of());
    }

    private static Map<String, Object> event(final String type, final Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("environment", "staging");
        event.put("data", data);
        return event;
    }

    @SafeVarargs
    private static AgentResponse executed(final boolean succeeded, final String message, final Map<String, Object>... events) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("succeeded", succeeded);
        result.put("message", message);
        result.put("durationMillis", 4200);
        result.put("events", List.of(events));
        return AgentResponse.success(result, List.of(new Message(Message.Level.INFO, "web-1: healthy")));
    }

    @Test
    void shouldPlanOnTheAgentAndOnlyThenHoldRestartsBack() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("plan", plan().toJson());
        AgentDeploymentExecutor executor = executor(AgentResponse.success(result, List.of()));
        assertThat(deployments.isBusy()).isFalse();

        DeploymentPlan planned = executor.plan(new PlanRequest("staging", "1.4.0"));

        assertThat(planned.getDeploymentId()).isEqualTo("d-1");
        assertThat(operations).containsExactly(DeployProtocol.PLAN);
        assertThat(requests.get(0)).containsEntry("descriptor", "schemaVersion: 1").containsEntry("environment", "staging");
        assertThat(requests.get(0).toString()).doesNotContain(SECRET);
        assertThat(deployments.isBusy()).isTrue();
        assertThat(executor.hasExecuted()).isFalse();
    }

    @Test
    void shouldReplayTheAgentsEventsInOrderAndReturnTheDuration() {
        AgentDeploymentExecutor executor = executor(executed(true, null,
                event("check.recorded", Map.of("passed", true)), event("deployment.succeeded", Map.of("version", "1.4.0"))));

        DeploymentResult result = executor.execute(plan(), "lock-1", (type, environment, data) ->
                recorded.add(type + "@" + environment + data));

        assertThat(recorded).containsExactly("check.recorded@staging{passed=true}",
                "deployment.succeeded@staging{version=1.4.0}");
        assertThat(result.getDuration()).isEqualTo(Duration.ofMillis(4200));
        assertThat(requests.get(0)).containsEntry("lockId", "lock-1");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("web-1: healthy");
        assertThat(executor.hasExecuted()).isTrue();
    }

    @Test
    void shouldRecordAFailedDeployBeforeFailingWithTheMaskedMessage() {
        AgentDeploymentExecutor executor = executor(executed(false, "web-2: health gate failed (login " + SECRET + ")",
                event("deployment.failed", Map.of()), event("release.rolledback", Map.of("automatic", true))));

        assertThatThrownBy(() -> executor.execute(plan(), "lock-1", (type, environment, data) -> recorded.add(type)))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("web-2: health gate failed").hasMessageNotContaining(SECRET);
        assertThat(recorded).containsExactly("deployment.failed", "release.rolledback");
    }

    @Test
    void shouldFailWithTheAgentsErrorWhenTheOperationFailed() {
        AgentDeploymentExecutor executor = executor(AgentResponse.failure("registry refused " + SECRET, List.of()));

        assertThatThrownBy(() -> executor.plan(new PlanRequest("staging", "9.9.9")))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("registry refused").hasMessageNotContaining(SECRET);
        assertThat(deployments.isBusy()).isFalse();
    }

    @Test
    void shouldReplayAReconcileAndFailWhenItCouldNotRestoreEverything() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", List.of(event("deployment.failed", Map.of())));
        result.put("message", "web-1 unreachable");
        AgentDeploymentExecutor executor = executor(AgentResponse.success(result, List.of()));

        assertThatThrownBy(() -> executor.reconcile(plan(), (type, environment, data) -> recorded.add(type)))
                .isInstanceOf(DeploymentException.class).hasMessage("web-1 unreachable");
        assertThat(recorded).containsExactly("deployment.failed");
    }

    @Test
    void shouldReturnTheTaggingWarnings() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("warnings", List.of("latest: denied"));
        AgentDeploymentExecutor executor = executor(AgentResponse.success(result, List.of()));

        assertThat(executor.tagImage(plan(), List.of("staging", "latest"))).containsExactly("latest: denied");
        assertThat(requests.get(0)).containsEntry("tags", List.of("staging", "latest"));
    }

    @Test
    void shouldReconcileWhenInterruptedMidDeployAndLeaveTheFlagUntilTheLockIsReleased() {
        Map<String, Object> reconciled = new LinkedHashMap<>();
        reconciled.put("events", List.of(event("deployment.failed", Map.of("reason", "interrupted"))));
        AgentDeploymentExecutor executor = new AgentDeploymentExecutor("deployStage", (operation, options) -> {
            operations.add(operation);
            if (operation.equals(DeployProtocol.EXECUTE)) {
                throw new InterruptedException("aborted");
            }
            return AgentOutcome.of(AgentResponse.success(reconciled, List.of()).toJson(), 0, List.of());
        }, new PrintStream(log, true, StandardCharsets.UTF_8), "x", "x", Map.of(), activity);

        assertThatThrownBy(() -> executor.execute(plan(), "lock-1", (type, environment, data) -> recorded.add(type)))
                .isInstanceOf(DeploymentException.class).hasCauseInstanceOf(InterruptedException.class);

        assertThat(operations).containsExactly(DeployProtocol.EXECUTE, DeployProtocol.RECONCILE);
        assertThat(recorded).containsExactly("deployment.failed");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("putting every server back").contains("reconciled staging");
        // the ledger's FileChannel would be closed by a write from an interrupted thread: the caller restores the flag
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(executor.getInterruption()).hasMessage("aborted");
        assertThatThrownBy(() -> executor.tagImage(plan(), List.of("latest"))).isInstanceOf(DeploymentException.class);
        assertThat(operations).hasSize(2);
    }

    @Test
    void shouldRestoreThroughTheAgentThatTheNodeBlocksCleanUpSparesEvenWithTheInterruptFlagSet() {
        Map<String, Object> reconciled = new LinkedHashMap<>();
        reconciled.put("events", List.of(event("deployment.failed", Map.of("reason", "interrupted"))));
        List<Boolean> flagAtRestore = new ArrayList<>();
        AgentDeploymentExecutor executor = new AgentDeploymentExecutor("deployStage", (operation, options) -> {
            operations.add(operation);
            Thread.currentThread().interrupt(); // a second interrupt arrived before InterruptedException was thrown
            throw new InterruptedException("aborted");
        }, new PrintStream(log, true, StandardCharsets.UTF_8), "x", "x", Map.of(), activity)
                .setReconcileAgent((operation, options) -> {
                    operations.add("surviving " + operation);
                    flagAtRestore.add(Thread.currentThread().isInterrupted());
                    return AgentOutcome.of(AgentResponse.success(reconciled, List.of()).toJson(), 0, List.of());
                });

        assertThatThrownBy(() -> executor.execute(plan(), "lock-1", (type, environment, data) -> recorded.add(type)))
                .isInstanceOf(DeploymentException.class);

        assertThat(operations).containsExactly(DeployProtocol.EXECUTE, "surviving " + DeployProtocol.RECONCILE);
        assertThat(flagAtRestore).containsExactly(false);
        assertThat(recorded).containsExactly("deployment.failed");
    }

    @Test
    void shouldRecordWhatTheAgentReportedAndUnlockWhenTheAbortLandsBetweenTheAgentsExitAndTheReplay(
            @TempDir final Path root) {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            Actor actor = new Actor("alice", null);
            Origin origin = Origin.cli("alice", "controller");
            String lockId = ledger.lock("staging", "1.4.0", "deploy", actor, origin).getLockId();
            AgentDeploymentExecutor executor = new AgentDeploymentExecutor("deployStage", (operation, options) -> {
                Thread.currentThread().interrupt(); // Stop clicked: the agent has exited, its response is read
                return AgentOutcome.of(executed(true, null, event("check.recorded", Map.of("passed", true)),
                        event("deployment.succeeded", Map.of("deploymentId", "d-1", "version", "1.4.0"))).toJson(), 0,
                        List.of());
            }, new PrintStream(log, true, StandardCharsets.UTF_8), "x", "x", Map.of(), activity);
            try {
                executor.execute(plan(), lockId, new LedgerDeploymentRecorder(ledger, actor, origin));
                ledger.unlock("staging", lockId, actor, origin);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }

            assertThat(ledger.events("staging")).extracting(LedgerEvent::getType).containsExactly(
                    "environment.locked", "check.recorded", "deployment.succeeded", "environment.unlocked");
            assertThat(ledger.verify().isIntact()).isTrue();
        }
    }

    @Test
    void shouldNotReconcileWhenInterruptedBeforeAnythingChanged() {
        AgentDeploymentExecutor executor = new AgentDeploymentExecutor("deployStage", (operation, options) -> {
            operations.add(operation);
            throw new InterruptedException("aborted");
        }, new PrintStream(log, true, StandardCharsets.UTF_8), "x", "x", Map.of(), activity);

        assertThatThrownBy(() -> executor.plan(new PlanRequest("staging", "1.4.0"))).isInstanceOf(DeploymentException.class);
        assertThat(operations).containsExactly(DeployProtocol.PLAN);
        assertThat(deployments.isBusy()).isFalse();
    }

    @Test
    void shouldFailWhenTheAgentCannotBeStarted() {
        AgentDeploymentExecutor executor = new AgentDeploymentExecutor("deployStage", (operation, options) -> {
            throw new IOException("java: not found");
        }, new PrintStream(log, true, StandardCharsets.UTF_8), "x", "x", Map.of(), activity);

        assertThatThrownBy(() -> executor.plan(new PlanRequest("staging", "1.4.0")))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("java: not found");
    }
}
