package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.AgentResponse;
import io.releaseledger.agent.DriftProtocol;
import io.releaseledger.deploy.DriftExpectation;
import io.releaseledger.deploy.DriftObservation;
import io.releaseledger.deploy.ObservedContainer;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release-ledger drift} against the real Docker engine: an environment where nothing was deployed, then a
 * container started by hand with its labels; exit codes 0, 1 and 4, the table, the JSON and the recorded events.
 */
@RequiresRealComponent(Component.DOCKER)
class DriftCliCommandTest {
    private static final String APPLICATION = "rltest-clidrift";
    private static final String CONTAINER = APPLICATION + "-dev-by-hand";

    @TempDir
    Path dir;

    @AfterEach
    void removeContainer() throws Exception {
        docker("rm", "-f", CONTAINER);
    }

    private void descriptor(final String host) throws IOException {
        Files.writeString(dir.resolve("release-ledger.yaml"), yaml(host), StandardCharsets.UTF_8);
    }

    private static String yaml(final String host) {
        return "schemaVersion: 1\n"
                + "application: " + APPLICATION + "\n"
                + "image: 127.0.0.1:5000/rltest/clidrift\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts: [" + host + "]\n"
                + "    smokeChecks:\n"
                + "      checks:\n"
                + "        - drift: {name: as recorded}\n";
    }

    private static void createByHand() throws Exception {
        docker("create", "--name", CONTAINER, "--label", "io.releaseledger.application=" + APPLICATION, "--label",
                "io.releaseledger.environment=dev", TestImages.busyboxHttpd());
    }

    private Cli.Result run(final String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--ledger", dir.resolve("ledgers").toString(), "-C", dir.toString()));
        return Cli.plain().run(all.toArray(String[]::new));
    }

    private List<String> recorded() {
        List<String> types = new ArrayList<>();
        if (!Files.exists(dir.resolve("ledgers"))) {
            return types;
        }
        try (Ledger ledger = Ledger.open(dir.resolve("ledgers"), APPLICATION)) {
            for (LedgerEvent event : ledger.events("dev")) {
                types.add(event.getType());
            }
        }
        return types;
    }

    private static void docker(final String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldExitZeroWhenRealityMatchesAndOneWhenAContainerWasAddedByHand() throws Exception {
        descriptor("unix:///var/run/docker.sock");

        Cli.Result clean = run("drift", "--environment", "dev");

        assertThat(clean.exitCode).as(clean.err).isZero();
        assertThat(clean.out).contains("Drift of dev (ledger: nothing deployed)", "ok       host local: 0 containers",
                "No drift");
        assertThat(recorded()).containsExactly(EventTypes.DRIFT_CHECKED);

        createByHand();
        Cli.Result drifted = run("drift", "--environment", "dev", "--json");

        assertThat(drifted.exitCode).as(drifted.err).isEqualTo(1);
        Map<String, Object> json = Json.parseObject(drifted.out);
        assertThat(json).containsEntry("drifted", true).containsEntry("environment", "dev");
        assertThat(json.get("findings").toString()).contains("unrecorded", "local/" + CONTAINER);
        assertThat(drifted.err).contains("dev drifted from the ledger");
        assertThat(recorded()).containsExactly(EventTypes.DRIFT_CHECKED, EventTypes.DRIFT_DETECTED);
    }

    @Test
    void shouldRecordNothingWithNoRecord() throws Exception {
        descriptor("unix:///var/run/docker.sock");

        Cli.Result result = run("drift", "--environment", "dev", "--no-record");

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(recorded()).isEmpty();
    }

    @Test
    void shouldExitFourWhenAHostCannotBeRead() throws Exception {
        descriptor("tcp://127.0.0.1:1");

        Cli.Result result = run("drift", "--environment", "dev");

        assertThat(result.exitCode).isEqualTo(4);
        assertThat(result.out).contains("UNKNOWN  host 127.0.0.1:", "Drift unknown");
        assertThat(recorded()).isEmpty();
    }

    @Test
    void shouldExitFourForAnUnknownEnvironment() throws Exception {
        descriptor("unix:///var/run/docker.sock");

        Cli.Result result = run("drift", "--environment", "nope");

        assertThat(result.exitCode).isEqualTo(4);
        assertThat(result.err).contains("release-ledger drift: ", "has no environment 'nope'");
    }

    @Test
    void shouldExitTwoWithoutAnEnvironment() {
        assertThat(run("drift").exitCode).isEqualTo(2);
    }

    @Test
    void shouldRunTheDriftCheckOfSmokeChecksAndRecordItsVerdictToo() throws Exception {
        descriptor("unix:///var/run/docker.sock");

        Cli.Result clean = run("smoke-check", "--environment", "dev", "--version", "1.0.0");

        assertThat(clean.exitCode).as(clean.err).isZero();
        assertThat(clean.out).contains("PASS", "as recorded");
        assertThat(recorded()).containsExactly(EventTypes.CHECK_RECORDED, EventTypes.DRIFT_CHECKED);

        createByHand();
        Cli.Result drifted = run("smoke-check", "--environment", "dev", "--version", "1.0.0");

        assertThat(drifted.exitCode).isEqualTo(1);
        assertThat(drifted.out).contains("FAIL", "as recorded", "drifted, 1 difference: unrecorded local/" + CONTAINER);
        assertThat(recorded()).containsExactly(EventTypes.CHECK_RECORDED, EventTypes.DRIFT_CHECKED,
                EventTypes.CHECK_RECORDED, EventTypes.DRIFT_DETECTED);
    }

    @Test
    void shouldObserveTheHostsOnTheAgentForDriftObserve() throws Exception {
        createByHand();
        String request = new AgentRequest(DriftProtocol.OBSERVE, dir.toString(), DriftProtocol.observeOptions(
                yaml("unix:///var/run/docker.sock"), "release-ledger.yaml", Map.of(),
                new DriftExpectation("dev", null, null, List.of()))).toJson();

        Cli.Result result = Cli.plain().stdin(request).run("agent");

        assertThat(result.exitCode).as(result.toString()).isZero();
        DriftObservation observation = DriftProtocol.readObservation(AgentResponse.fromJson(result.out).getResult());
        assertThat(observation.getContainers()).extracting(ObservedContainer::getName).containsExactly(CONTAINER);
        assertThat(observation.getContainers().get(0).isRunning()).isFalse();
        assertThat(observation.getHostErrors()).isEmpty();
    }
}
