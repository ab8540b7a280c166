package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.agent.AgentResponse;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.agent.DriftProtocol;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.deploy.DriftCommand;
import io.releaseledger.deploy.DriftObservation;
import io.releaseledger.deploy.DriftReport;
import io.releaseledger.deploy.ObservedContainer;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * driftCheck's parameters, its verdicts and its return value; and the glue the execution runs: the engine's
 * DriftCommand with the agent's drift.observe (canned responses) against a real ledger.
 */
class DriftCheckStepTest {
    private static final String DESCRIPTOR = """
            schemaVersion: 1
            application: shop
            image: 127.0.0.1:5000/team/shop
            environments:
              - name: production
                hosts:
                  - url: tcp://127.0.0.1:2376
                    tls: {credentialsId: docker-prod-tls}
                container:
                  env:
                    DB_PASSWORD:
                      secret: {credentialsId: db-password}
            """;

    private static final String HOST = DescriptorLoader.parse(DESCRIPTOR, "release-ledger.yaml")
            .getEnvironment("production").orElseThrow().getHosts().get(0).getName();

    @TempDir
    Path root;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<Map<String, Object>> requests = new ArrayList<>();

    @Test
    void shouldReturnDefaultsAsNull() {
        DriftCheckStep step = new DriftCheckStep(" production ");
        step.setOnDrift(" ");
        step.setDescriptorFile("");
        step.setRegistryCredentialsId(" ");
        step.setOverrides(List.of(" ", ""));

        assertThat(step.getEnvironment()).isEqualTo("production");
        assertThat(step.getOnDrift()).isNull();
        assertThat(step.getDescriptorFile()).isNull();
        assertThat(step.getRegistryCredentialsId()).isNull();
        assertThat(step.getOverrides()).isNull();
        assertThat(step.problems()).isEmpty();
    }

    @Test
    void shouldNameEveryProblemBeforeAnythingRuns() {
        DriftCheckStep step = new DriftCheckStep(" ");
        step.setOnDrift("warn");

        assertThat(step.problems()).containsExactly("environment is required",
                "onDrift is 'warn'; use 'fail' (the default), 'unstable' or 'ignore'");
        step.setOnDrift("unstable");
        assertThat(new DriftCheckStep("production").problems()).isEmpty();
    }

    @Test
    void shouldLabelTheStepWithTheEnvironment() {
        assertThat(DriftCheckOptions.label(Map.of("environment", "production", "onDrift", "unstable")))
                .isEqualTo("production");
        assertThat(DriftCheckOptions.label(Map.of())).isNull();
    }

    @Test
    void shouldBindOnlyTheHostsTlsNeverTheContainersSecrets() {
        ReleaseDescriptor descriptor = DescriptorLoader.parse(DESCRIPTOR, "release-ledger.yaml");

        Map<String, Map<String, String>> credentials = DriftCheckOptions.hostCredentials(
                descriptor.getEnvironment("production").orElseThrow());

        assertThat(credentials).containsOnlyKeys("docker-prod-tls");
        assertThat(credentials.get("docker-prod-tls")).containsEntry("kind", DeployProtocol.KIND_DOCKER_TLS);
    }

    private DriftReport check(final Ledger ledger, final DriftObservation seen) {
        ReleaseDescriptor descriptor = DescriptorLoader.parse(DESCRIPTOR, "release-ledger.yaml");
        AgentDriftExecutor observer = new AgentDriftExecutor(DriftCheckStep.FUNCTION_NAME, (operation, options) -> {
            assertThat(operation).isEqualTo(DriftProtocol.OBSERVE);
            requests.add(options);
            AgentResponse response = AgentResponse.success(seen.toJson(), List.of());
            return AgentOutcome.of(response.toJson(), 0, List.of());
        }, new PrintStream(log, true, StandardCharsets.UTF_8), DESCRIPTOR, "release-ledger.yaml",
                DriftCheckOptions.hostCredentials(descriptor.getEnvironment("production").orElseThrow()));
        return new DriftCommand(descriptor, "production", ledger, observer).setActor(new Actor("alice", null))
                .setOrigin(Origin.build("shop", 7, "job/shop/7/", false)).call();
    }

    @Test
    void shouldRecordAndReturnADriftObservedOnTheAgent() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            DriftReport report = check(ledger, new DriftObservation("production").addContainer(new ObservedContainer(
                    HOST, "shop-debug", "127.0.0.1:5000/team/shop:1.4.0", "sha256:" + "c".repeat(64), true,
                    "running").setVersion("1.4.0")));

            Map<String, Object> value = DriftCheckOptions.returnValue(report, new SecretMask(List.of()));

            assertThat(requests).singleElement().satisfies(options -> assertThat(options)
                    .containsEntry("environment", "production").doesNotContainKey("overrides"));
            assertThat(value).containsEntry("environment", "production").containsEntry("drifted", true)
                    .containsEntry("complete", true).containsEntry("version", null);
            assertThat((List<?>) value.get("findings")).singleElement().satisfies(finding -> assertThat(
                    finding.toString()).contains("kind=unrecorded", "subject=" + HOST + "/shop-debug"));
            assertThat(DriftCheckOptions.action(report, null)).isEqualTo(DriftCheckOptions.FAIL);
            assertThat(DriftCheckOptions.action(report, DriftCheckOptions.UNSTABLE)).isEqualTo(DriftCheckOptions.UNSTABLE);
            assertThat(DriftCheckOptions.attention("driftCheck", report)).startsWith("driftCheck: production drifted");
            assertThat(ledger.events("production")).extracting(LedgerEvent::getType)
                    .containsExactly(EventTypes.DRIFT_DETECTED);
        }
    }

    @Test
    void shouldTakeAHostThatCouldNotBeReadForAVerdictThatNeedsAttention() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            DriftReport report = check(ledger, new DriftObservation("production")
                    .setHostError(HOST, "Connection refused"));

            assertThat(DriftCheckOptions.returnValue(report, new SecretMask(List.of()))).containsEntry("drifted", false)
                    .containsEntry("complete", false).containsEntry("unknown", List.of("host " + HOST + ": Connection refused"));
            assertThat(DriftCheckOptions.action(report, null)).isEqualTo(DriftCheckOptions.FAIL);
            assertThat(DriftCheckOptions.action(report, DriftCheckOptions.IGNORE)).isEqualTo(DriftCheckOptions.IGNORE);
            assertThat(DriftCheckOptions.attention("driftCheck", report)).contains("drift unknown")
                    .contains("registryCredentialsId");
            assertThat(ledger.events("production")).as("unknown is not a verdict").isEmpty();
        }
    }

    @Test
    void shouldLeaveAnEnvironmentThatMatchesTheLedgerAlone() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            DriftReport report = check(ledger, new DriftObservation("production"));

            assertThat(DriftCheckOptions.action(report, null)).isNull();
            assertThat(ledger.events("production")).extracting(LedgerEvent::getType)
                    .containsExactly(EventTypes.DRIFT_CHECKED);
        }
    }

    @Test
    void shouldReturnOnlyJdkTypesWithEverySecretMasked() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            DriftReport report = check(ledger, new DriftObservation("production").addContainer(new ObservedContainer(
                    HOST, "shop-s3cr3t-value", null, null, false, "exited")));

            Map<String, Object> value = DriftCheckOptions.returnValue(report, new SecretMask(List.of("s3cr3t-value")));

            assertThat(value).isInstanceOf(LinkedHashMap.class);
            assertThat(value.keySet()).containsExactly("environment", "version", "drifted", "complete", "findings",
                    "unknown", "summary");
            assertThat(value.toString()).doesNotContain("s3cr3t-value").contains("****");
            assertJdkTypes(value);
        }
    }

    private static void assertJdkTypes(final Object value) {
        assertThat(value == null || value.getClass().getName().startsWith("java.")).as(String.valueOf(value)).isTrue();
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(DriftCheckStepTest::assertJdkTypes);
        } else if (value instanceof List<?> list) {
            list.forEach(DriftCheckStepTest::assertJdkTypes);
        }
    }
}
