package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.agent.AgentProtocolException;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.registry.DockerCli;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys whose I/O runs through the agent protocol, as in Jenkins: the commands and the ledger stay "on the controller". */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY, Component.HAPROXY})
class AgentDeployTest {
    private static final String TOKEN = "s3cr3t-token-value-42";

    @TempDir
    Path temp;

    private DeployFixture world;

    @BeforeEach
    void startWorld() throws Exception {
        world = new DeployFixture(temp.resolve("agent"));
    }

    @AfterEach
    void removeWorld() {
        world.close();
    }

    private ProtocolExecutor agent(final Map<String, Map<String, String>> credentials, final Map<String, String> env) {
        return new ProtocolExecutor(world.descriptorYaml(), temp, credentials, env);
    }

    private DeployCommand deploy(final ProtocolExecutor executor, final String environment, final String version) {
        TestApp.digest(version);
        return new DeployCommand(world.descriptor(), environment, version, world.ledger, executor)
                .setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN).setMessages(world.messages)
                .setLockTimeout(java.time.Duration.ZERO);
    }

    @Test
    void shouldRecordThroughTheAgentProtocolWhatTheInProcessDeployRecords() throws Exception {
        List<Map<String, Object>> inProcess;
        try (DeployFixture local = new DeployFixture(temp.resolve("local"))) {
            local.deploy("staging", TestApp.V1).call();
            local.deploy("staging", TestApp.V2).call();
            inProcess = comparable(local.ledger.events("staging"));
        }
        ProtocolExecutor executor = agent(Map.of(), Map.of());

        deploy(executor, "staging", TestApp.V1).call();
        world.haproxy.awaitAllServing();
        deploy(executor, "staging", TestApp.V2).call();

        assertThat(comparable(world.ledger.events("staging"))).isEqualTo(inProcess);
        assertThat(world.ledger.verify().isIntact()).isTrue();
        assertThat(world.stagingVersions()).containsExactly(TestApp.V2, TestApp.V2, TestApp.V2);
        world.haproxy.awaitAllServing();
        assertThat(world.current("staging")).containsEntry("version", TestApp.V2);
        assertThat(executor.live).contains("Batch 3/3: [local/rltest-deploy-staging-3 (127.0.0.1:"
                + world.stagingPorts.get(2) + ")]");
        assertThat(world.messages.getAll()).as("progress is the agent's, printed live").noneMatch(
                message -> message.getText().startsWith("Batch "));
    }

    @Test
    void shouldCarryTheEventsAndTheMessageOfAFailedDeploy() {
        world.gateTimeout = "3s";
        ProtocolExecutor executor = agent(Map.of(), Map.of());
        deploy(executor, "production", TestApp.V1).call();

        assertThatThrownBy(() -> deploy(executor, "production", TestApp.UNHEALTHY).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("health gate failed")
                .hasMessageContaining("The previous release was restored on 1 instance");

        String failedResult = executor.wire.stream().filter(json -> json.contains("\"succeeded\":false"))
                .findFirst().orElseThrow();
        assertThat(failedResult).contains(EventTypes.DEPLOYMENT_FAILED, EventTypes.RELEASE_ROLLED_BACK);
        assertThat(world.eventTypes("production")).endsWith(EventTypes.ENVIRONMENT_LOCKED,
                EventTypes.DEPLOYMENT_STARTED, EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_FAILED,
                EventTypes.RELEASE_ROLLED_BACK, EventTypes.ENVIRONMENT_UNLOCKED);
        assertThat(world.versionAt(world.productionPort)).isEqualTo(TestApp.V1);
        assertThat(world.current("production")).containsEntry("version", TestApp.V1);
    }

    @Test
    void shouldPassASecretFromTheCredentialsMapToTheContainerButNowhereElse() throws Exception {
        world.productionEnv = "{GREETING: hello, APP_TOKEN: {secret: {credentialsId: app-token}}}";
        ProtocolExecutor executor = agent(Map.of("app-token", DeployProtocol.credential(DeployProtocol.KIND_SECRET,
                "RELEASE_LEDGER_CREDENTIAL_1")), Map.of("RELEASE_LEDGER_CREDENTIAL_1", TOKEN));

        deploy(executor, "production", TestApp.V1).call();

        String env = DockerCli.check("inspect", "--format", "{{json .Config.Env}}",
                TestApp.APPLICATION + "-production-1");
        assertThat(env).contains("APP_TOKEN=" + TOKEN);
        assertThat(executor.live).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
        assertThat(executor.wire).noneMatch(json -> json.contains(TOKEN));
        assertThat(world.messages.getAll()).noneMatch(message -> message.getText().contains(TOKEN));
        String journal = Files.readString(world.ledger.getDirectory().resolve("events.jsonl"), StandardCharsets.UTF_8);
        assertThat(journal).doesNotContain(TOKEN);
        @SuppressWarnings("unchecked")
        Map<String, Object> configuration = (Map<String, Object>) world.events("production",
                EventTypes.DEPLOYMENT_STARTED).get(0).get("configuration");
        assertThat(configuration).containsKeys("GREETING", "APP_TOKEN");
    }

    @Test
    void shouldRefuseACredentialsIdMissingFromTheMapBeforeAnyChange() {
        ProtocolExecutor first = agent(Map.of(), Map.of());
        deploy(first, "production", TestApp.V1).call();
        String before = world.container("production", 1).getId();
        List<String> typesBefore = world.eventTypes("production");
        world.productionEnv = "{GREETING: hello, APP_TOKEN: {secret: {credentialsId: app-token}}}";
        ProtocolExecutor executor = agent(Map.of(), Map.of("RELEASE_LEDGER_CREDENTIAL_1", TOKEN));

        assertThatThrownBy(() -> deploy(executor, "production", TestApp.V2).call())
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageContaining("credentials 'app-token'")
                .hasMessageContaining("nothing was changed");

        assertThat(world.container("production", 1).getId()).isEqualTo(before);
        assertThat(world.versionAt(world.productionPort)).isEqualTo(TestApp.V1);
        List<String> typesAfter = world.eventTypes("production");
        assertThat(typesAfter.subList(typesBefore.size(), typesAfter.size()))
                .as("the lock was taken and released, nothing started")
                .containsExactly(EventTypes.ENVIRONMENT_LOCKED, EventTypes.ENVIRONMENT_UNLOCKED);
    }

    /** Type, environment and data of each event, without what differs between two runs (ids, ports, times). */
    private static List<Map<String, Object>> comparable(final List<LedgerEvent> events) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (LedgerEvent event : events) {
            Map<String, Object> data = new LinkedHashMap<>(event.getData());
            for (String volatileKey : List.of("deploymentId", "lockId", "since", "purpose", "millis")) {
                data.computeIfPresent(volatileKey, (key, value) -> "*");
            }
            data.computeIfPresent("plan", (key, plan) -> planShape(plan));
            data.computeIfPresent("results", (key, results) -> ((List<?>) results).size());
            data.computeIfPresent("settings", (key, settings) -> withoutDescriptorHash(settings));
            Map<String, Object> comparable = new LinkedHashMap<>();
            comparable.put("type", event.getType());
            comparable.put("environment", event.getEnvironment());
            comparable.put("data", data);
            list.add(comparable);
        }
        return list;
    }

    /** The two fixtures' descriptors differ in their ports, so their fingerprints do; the rest must be equal. */
    @SuppressWarnings("unchecked")
    private static Object withoutDescriptorHash(final Object settings) {
        Map<String, Object> json = new LinkedHashMap<>((Map<String, Object>) settings);
        json.computeIfPresent("descriptor", (key, hash) -> String.valueOf(hash).startsWith("sha256:") ? "sha256:*" : hash);
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Object planShape(final Object plan) {
        Map<String, Object> json = new LinkedHashMap<>((Map<String, Object>) plan);
        json.put("deploymentId", "*");
        json.put("batches", ((List<?>) json.get("batches")).size());
        return json;
    }
}
