package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.rollout.LocalDeploymentExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each deployment records its configuration; the state shows what changed since the previous one, never a value. */
class ConfigurationChangesDeployTest {
    private static final String PASSWORD = "hunter2";

    @TempDir
    Path temp;

    private FakeWorld world;

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private FakeWorld world() throws Exception {
        world = new FakeWorld(temp, 1, false);
        world.strategy = "recreate";
        world.secrets.put("DB_PASSWORD", PASSWORD);
        world.containerExtra = ", env: {LOG_LEVEL: info, OLD_FLAG: x, DB_PASSWORD: {secret: {env: DB_PASSWORD}}}";
        world.publish("1.0.0").publish("1.1.0").deploy("1.0.0").call();
        return world;
    }

    @Test
    void shouldRecordTheConfigurationWithKeyedHashesAndNeverAValue() throws Exception {
        world();

        Map<String, Object> started = world.events(EventTypes.DEPLOYMENT_STARTED).get(0);
        assertThat(started).containsKeys("image", "settings", "configuration");
        assertThat((Map<String, Object>) started.get("configuration")).containsOnlyKeys("LOG_LEVEL", "OLD_FLAG", "DB_PASSWORD")
                .allSatisfy((name, hash) -> assertThat((String) hash).matches("hmac-sha256:[0-9a-f]{16}:[0-9a-f]{64}"));
        assertThat((Map<String, Object>) started.get("settings")).containsEntry("network", "host")
                .containsEntry("restartPolicy", "no").containsEntry("instances", 1L).containsEntry("strategy", "recreate")
                .extractingByKey("descriptor").asString().startsWith("sha256:");
        String journal = Files.readString(world.ledger.getDirectory().resolve("events.jsonl"));
        assertThat(journal).doesNotContain(PASSWORD).doesNotContain(world.ledger.configurationKey())
                .doesNotContain(sha256Hex(PASSWORD));
        assertThat(world.current()).containsEntry("configurationChanges", null);
    }

    @Test
    void shouldShowWhatChangedSinceThePreviousDeploymentOfTheEnvironment() throws Exception {
        world();
        world.secrets.put("DB_PASSWORD", "correct horse battery staple");
        world.containerExtra = ", env: {LOG_LEVEL: info, NEW_FLAG: y, DB_PASSWORD: {secret: {env: DB_PASSWORD}}}";
        world.strategy = "{type: rolling, batchSize: 1}";

        world.deploy("1.1.0").call();

        Map<String, Object> changes = configurationChanges(world.current());
        assertThat(changes).containsEntry("since", "1.0.0");
        List<Map<String, Object>> list = (List<Map<String, Object>>) changes.get("changes");
        assertThat(list).extracting(c -> c.get("kind") + " " + c.get("name") + " " + c.get("change")).containsExactly(
                "image digest changed", "setting strategy changed", "setting descriptor changed",
                "variable DB_PASSWORD changed", "variable NEW_FLAG added", "variable OLD_FLAG removed");
        assertThat(list.get(0)).containsEntry("from", FakeWorld.digest("1.0.0")).containsEntry("to", FakeWorld.digest("1.1.0"));
        assertThat(list.get(1)).containsEntry("from", "recreate").containsEntry("to", "rolling (batches of 1)");
        assertThat(list.get(4)).containsOnlyKeys("kind", "name", "change");
        assertThat(Json.write(world.ledger.view().state())).doesNotContain("correct horse").doesNotContain(PASSWORD)
                .doesNotContain("hmac-sha256");
    }

    @Test
    void shouldShowNoVariableAsChangedWhenOnlyTheVersionChanged() throws Exception {
        world().deploy("1.1.0").call();

        assertThat((List<Object>) configurationChanges(world.current()).get("changes")).hasSize(1);
    }

    @Test
    void shouldKeepTheChangesAcrossACheckpointAndAReopen() throws Exception {
        world();
        world.containerExtra = ", env: {LOG_LEVEL: debug, OLD_FLAG: x, DB_PASSWORD: {secret: {env: DB_PASSWORD}}}";
        world.deploy("1.1.0").call();
        world.ledger.setCheckpointInterval(1);
        Map<String, Object> before = world.current();
        world.ledger.close();

        try (Ledger reopened = Ledger.open(temp.resolve("ledger"), FakeWorld.APPLICATION)) {
            Map<String, Object> env = ((List<Map<String, Object>>) reopened.view().state().get("environments")).get(0);
            assertThat(((Map<String, Object>) env.get("current")).get("configurationChanges"))
                    .isEqualTo(before.get("configurationChanges"));
        }
    }

    @Test
    void shouldShowThatARollbackReturnsTheImageButKeepsTheDescriptorsConfiguration() throws Exception {
        world();
        world.containerExtra = ", env: {LOG_LEVEL: debug, OLD_FLAG: x, DB_PASSWORD: {secret: {env: DB_PASSWORD}}}";
        world.deploy("1.1.0").call();

        new RollbackCommand(world.descriptor(), "web", "debug logging too loud", world.ledger,
                new LocalDeploymentExecutor(world.descriptor(), null).setTargets(world.targets())
                        .setSecrets(reference -> world.secrets.get(reference.getEnvironmentVariable()))
                        .setStopTimeout(Duration.ofSeconds(1)))
                .setDeployOptions(deploy -> deploy.setLockTimeout(Duration.ZERO)).call();

        Map<String, Object> changes = configurationChanges(world.current());
        assertThat(changes).containsEntry("since", "1.1.0");
        // The rollback deploys the old image with the descriptor it is given: LOG_LEVEL stays what 1.1.0 had.
        assertThat((List<Map<String, Object>>) changes.get("changes"))
                .extracting(c -> c.get("name") + " " + c.get("change")).containsExactly("digest changed");
    }

    private static Map<String, Object> configurationChanges(final Map<String, Object> current) {
        return (Map<String, Object>) current.get("configurationChanges");
    }

    private static String sha256Hex(final String value) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
