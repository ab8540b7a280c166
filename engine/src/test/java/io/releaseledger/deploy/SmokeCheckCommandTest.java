package io.releaseledger.deploy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentExecutor;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.DeploymentRecorder;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.deploy.PlanRequest;
import io.releaseledger.deploy.PromoteCommand;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.rollout.LocalSmokeCheckExecutor;
import io.releaseledger.smoke.SmokeServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command's ledger work against a real HTTP server on 127.0.0.1: check.recorded, and promote reading it. */
class SmokeCheckCommandTest {
    private static final Actor ALICE = new Actor("alice", "Alice");
    private static final Origin ORIGIN = Origin.cli("alice", "test");
    private static final String TOKEN = "smoke-token-5f0c9a1e77";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path directory;

    private final AtomicBoolean healthy = new AtomicBoolean(true);

    private ReleaseDescriptor descriptor(final int port) {
        return DescriptorLoader.parse("""
                schemaVersion: 1
                application: smoketest
                image: 127.0.0.1:5000/rltest/smoketest
                environments:
                  - name: staging
                    hosts: [unix:///var/run/docker.sock]
                    smokeChecks:
                      checks:
                        - http: {url: "http://127.0.0.1:%d/status", name: status, bodyContains: UP,
                                 token: {secret: {env: SMOKE_TOKEN}}}
                  - name: production
                    promotesFrom: staging
                    requires: [checksPassed]
                    hosts: [unix:///var/run/docker.sock]
                """.formatted(port), "test release-ledger.yaml");
    }

    private SmokeServer server() throws IOException {
        return new SmokeServer((exchange, n) -> {
            boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!authorized) {
                SmokeServer.answer(exchange, 401, "no token");
            } else if (healthy.get()) {
                SmokeServer.answer(exchange, 200, "{\"status\":\"UP\"}");
            } else {
                SmokeServer.answer(exchange, 500, "Exception in thread \"main\" java.lang.NullPointerException");
            }
        });
    }

    private static void deployed(final Ledger ledger, final String environment, final String version) {
        String id = "d-" + version;
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, ALICE, ORIGIN).setEnvironment(environment)
                .setData(Map.of("deploymentId", id, "version", version, "image", Map.of("repository",
                        "127.0.0.1:5000/rltest/smoketest", "tag", version, "digest", DIGEST))));
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ALICE, ORIGIN).setEnvironment(environment)
                .setData(Map.of("deploymentId", id, "version", version)));
    }

    private SmokeCheckCommand command(final ReleaseDescriptor descriptor, final Ledger ledger) {
        return new SmokeCheckCommand(descriptor, "staging", ledger, new LocalSmokeCheckExecutor(descriptor)
                .setEnvironmentVariables(Map.of("SMOKE_TOKEN", TOKEN))).setActor(ALICE).setOrigin(ORIGIN);
    }

    private static List<Map<String, Object>> checks(final Ledger ledger) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (LedgerEvent event : ledger.events("staging")) {
            if (EventTypes.CHECK_RECORDED.equals(event.getType())) {
                found.add(event.getData());
            }
        }
        return found;
    }

    @Test
    void shouldRecordTheRunForTheVersionRunningThereWithItsDigest() throws IOException {
        try (SmokeServer server = server(); Ledger ledger = Ledger.open(directory, "smoketest")) {
            ReleaseDescriptor descriptor = descriptor(server.port());
            deployed(ledger, "staging", "1.0.0");

            SmokeCheckResult result = command(descriptor, ledger).call();

            assertThat(result.isPassed()).isTrue();
            assertThat(result.getRolledBackTo()).isNull();
            assertThat(result.getOutcome().getTable()).contains("PASS", "status", "Smoke checks passed: 1 of 1");
            List<Map<String, Object>> recorded = checks(ledger);
            assertThat(recorded).hasSize(1);
            assertThat(recorded.get(0)).containsEntry("run", "smoke").containsEntry("environment", "staging")
                    .containsEntry("version", "1.0.0").containsEntry("digest", DIGEST).containsEntry("passed", true);
            assertThat(recorded.get(0).get("results")).asList().hasSize(1);
        }
    }

    @Test
    void shouldRecordAFailedRunAndPromoteThenRefuses() throws IOException {
        try (SmokeServer server = server(); Ledger ledger = Ledger.open(directory, "smoketest")) {
            ReleaseDescriptor descriptor = descriptor(server.port());
            deployed(ledger, "staging", "1.0.0");
            healthy.set(false);

            SmokeCheckResult failed = command(descriptor, ledger).call();

            assertThat(failed.isPassed()).isFalse();
            assertThat(failed.getOutcome().getSummary()).startsWith("Smoke checks failed: 0 of 1 passed");
            assertThat(failed.getOutcome().getTable()).contains("FAIL", "500");
            assertThat(checks(ledger)).singleElement().satisfies(data -> assertThat(data)
                    .containsEntry("passed", false).containsEntry("version", "1.0.0"));
            assertThat(Json.write(ledger.events(null).stream().map(LedgerEvent::getData).toList())
                    + failed.getOutcome().getTable() + failed.getOutcome().getJUnitXml()).doesNotContain(TOKEN);
            assertThatThrownBy(() -> new PromoteCommand(descriptor, "production", ledger, new UnreachableDeploy())
                    .setActor(ALICE).setOrigin(ORIGIN).call())
                    .isInstanceOf(DeploymentException.class)
                    .hasMessage("Refusing to promote 1.0.0 from staging to production: its last checks in staging "
                            + "failed.");

            healthy.set(true);
            assertThat(command(descriptor, ledger).call().isPassed()).isTrue();
            assertThatThrownBy(() -> new PromoteCommand(descriptor, "production", ledger, new UnreachableDeploy())
                    .setActor(ALICE).setOrigin(ORIGIN).call())
                    .as("after a passed run, promote goes on to the deploy").hasMessage(UnreachableDeploy.REACHED);
        }
    }

    @Test
    void shouldRefuseWhenNothingRunsThereAndRecordNothing() throws IOException {
        try (SmokeServer server = server(); Ledger ledger = Ledger.open(directory, "smoketest")) {
            assertThatThrownBy(() -> command(descriptor(server.port()), ledger).call())
                    .isInstanceOf(ReleaseLedgerException.class)
                    .hasMessage("Cannot smoke-check staging: the ledger records no release running there. Deploy "
                            + "first, or give the version the results are for.");
            assertThat(ledger.events(null)).isEmpty();
        }
    }

    @Test
    void shouldRecordAnExplicitVersionAndNeverRollItBackWhenItIsNotCurrent() throws IOException {
        try (SmokeServer server = server(); Ledger ledger = Ledger.open(directory, "smoketest")) {
            ReleaseDescriptor descriptor = descriptor(server.port());
            deployed(ledger, "staging", "1.0.0");
            healthy.set(false);

            SmokeCheckResult result = command(descriptor, ledger).setVersion("0.9.0")
                    .setRollbackOnFailure(new UnreachableDeploy()).call();

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getRolledBackTo()).isNull();
            assertThat(checks(ledger)).singleElement().satisfies(data -> assertThat(data)
                    .containsEntry("version", "0.9.0").doesNotContainKey("digest"));
        }
    }

    @Test
    void shouldFailWithoutRecordingWhenASecretIsNotSet() throws IOException {
        try (SmokeServer server = server(); Ledger ledger = Ledger.open(directory, "smoketest")) {
            ReleaseDescriptor descriptor = descriptor(server.port());
            deployed(ledger, "staging", "1.0.0");
            SmokeCheckCommand command = new SmokeCheckCommand(descriptor, "staging", ledger,
                    new LocalSmokeCheckExecutor(descriptor).setEnvironmentVariables(Map.of())).setActor(ALICE)
                    .setOrigin(ORIGIN);

            assertThatThrownBy(command::call).isInstanceOf(ReleaseLedgerException.class)
                    .hasMessageContaining("SMOKE_TOKEN");
            assertThat(checks(ledger)).isEmpty();
        }
    }

    @Test
    void shouldRefuseAnEnvironmentWithoutSmokeChecks() throws IOException {
        try (SmokeServer server = server(); Ledger ledger = Ledger.open(directory, "smoketest")) {
            ReleaseDescriptor descriptor = descriptor(server.port());
            deployed(ledger, "production", "1.0.0");

            assertThatThrownBy(() -> new SmokeCheckCommand(descriptor, "production", ledger,
                    new LocalSmokeCheckExecutor(descriptor)).call())
                    .isInstanceOf(ReleaseLedgerException.class)
                    .hasMessage("Environment production declares no smokeChecks in test release-ledger.yaml; there "
                            + "is nothing to run.");
        }
    }

    @Test
    void shouldCarryRequestAndOutcomeThroughJson() throws IOException {
        SmokeRequest request = SmokeRequest.fromJson(Json.parseObject(Json.write(new SmokeRequest("staging")
                .setVersion("1.2.3").setDigest(DIGEST).setFailFast(false).toJson())));
        assertThat(request.getEnvironment()).isEqualTo("staging");
        assertThat(request.getVersion()).isEqualTo("1.2.3");
        assertThat(request.getDigest()).isEqualTo(DIGEST);
        assertThat(request.getFailFast()).isFalse();
        assertThat(SmokeRequest.fromJson(Map.of("environment", "qa")).getFailFast()).isNull();
        assertThatThrownBy(() -> SmokeRequest.fromJson(Map.of("environment", "qa", "failFast", "yes")))
                .isInstanceOf(ReleaseLedgerException.class);

        try (SmokeServer server = server(); Ledger ledger = Ledger.open(directory, "smoketest")) {
            ReleaseDescriptor descriptor = descriptor(server.port());
            SmokeOutcome outcome = new LocalSmokeCheckExecutor(descriptor)
                    .setEnvironmentVariables(Map.of("SMOKE_TOKEN", TOKEN)).run(request);
            SmokeOutcome copy = SmokeOutcome.fromJson(Json.parseObject(Json.write(outcome.toJson())));
            assertThat(copy.isPassed()).isTrue();
            assertThat(copy.getTable()).isEqualTo(outcome.getTable());
            assertThat(copy.getJUnitXml()).isEqualTo(outcome.getJUnitXml());
            assertThat(copy.getSummary()).isEqualTo(outcome.getSummary());
            assertThat(copy.getReport()).containsEntry("version", "1.2.3").containsEntry("environment", "staging");
        }
    }

    /** A deploy executor that must not be reached, or whose reaching proves that a command went past its checks. */
    private static final class UnreachableDeploy implements DeploymentExecutor {
        static final String REACHED = "reached the deploy";

        @Override
        public DeploymentPlan plan(final PlanRequest request) {
            throw new DeploymentException(REACHED);
        }

        @Override
        public DeploymentResult execute(final DeploymentPlan plan, final String lockId,
                final DeploymentRecorder recorder) {
            throw new DeploymentException(REACHED);
        }

        @Override
        public void reconcile(final DeploymentPlan plan, final DeploymentRecorder recorder) {
            throw new DeploymentException(REACHED);
        }

        @Override
        public List<String> tagImage(final DeploymentPlan plan, final List<String> tags) {
            throw new DeploymentException(REACHED);
        }
    }
}
