package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.LockResult;
import io.releaseledger.ledger.Origin;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.testing.TestImages;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two CLI processes deploy to an environment whose lock is held by a dead deploy (its pid no longer runs) that had
 * recorded its plan: exactly one takes the lock over and reconciles; the other waits for it and then deploys.
 */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY})
class DeployTakeoverRaceTest {
    private static final String APPLICATION = "rltest-cli-race";
    private static final String REPOSITORY = "127.0.0.1:5000/rltest/cli-race";
    private static final String CONTAINER = APPLICATION + "-dev-1";

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void shouldLetExactlyOneOfTwoProcessesTakeOverAStaleLock() throws Exception {
        docker("tag", TestImages.busyboxHttpd(), REPOSITORY + ":1.0.0");
        docker("push", REPOSITORY + ":1.0.0");
        docker("tag", TestImages.busyboxHttpd(), REPOSITORY + ":1.1.0");
        docker("push", REPOSITORY + ":1.1.0");
        docker("rm", "-f", CONTAINER);
        writeDescriptor(FreePorts.next());
        String ledgerRoot = dir.resolve("ledgers").toString();
        try {
            Cli.Result first = Cli.plain().run("deploy", "-C", dir.toString(), "--ledger", ledgerRoot,
                    "--environment", "dev", "--version", "1.0.0", "--lock-timeout", "0");
            assertThat(first.exitCode).as(first.toString()).isZero();
            Cli.Result dryRun = Cli.plain().run("deploy", "-C", dir.toString(), "--ledger", ledgerRoot,
                    "--environment", "dev", "--version", "1.1.0", "--dry-run", "--json");
            Map<String, Object> plan = (Map<String, Object>) Json.parseObject(dryRun.out).get("plan");
            String staleLockId = recordDeadDeploy(Path.of(ledgerRoot), plan);

            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                processes.add(cli(i, "deploy", "-C", dir.toString(), "--ledger", ledgerRoot, "--environment", "dev",
                        "--version", "1.1.0", "--lock-timeout", "2m"));
            }
            List<String> logs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Process process = processes.get(i);
                assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("process %d ended", i).isTrue();
                String log = Files.readString(dir.resolve("err-" + i + ".txt"), StandardCharsets.UTF_8);
                logs.add(log);
                assertThat(process.exitValue()).as("process %d: %s", i, log).isZero();
            }

            assertThat(logs).as("%s", logs).filteredOn(log -> log.contains("taking over the lock")).hasSize(1);
            assertThat(logs).as("%s", logs).filteredOn(log -> log.contains("Reconciled dev")).hasSize(1);
            assertThat(logs).as("%s", logs).filteredOn(log -> log.contains("Environment dev is locked by"))
                    .hasSize(1);
            try (Ledger ledger = Ledger.open(Path.of(ledgerRoot), APPLICATION)) {
                assertThat(ledger.verify().isIntact()).isTrue();
                List<LedgerEvent> events = ledger.events("dev");
                assertThat(events).filteredOn(event -> EventTypes.ENVIRONMENT_UNLOCKED.equals(event.getType())
                        && staleLockId.equals(event.getData().get("lockId"))).as("released once").hasSize(1);
                // 1.0.0 and 1.1.0 are one image here, so the reconcile finds the new release running everywhere.
                assertThat(events).filteredOn(event -> plan.get("deploymentId").equals(
                        event.getData().get("deploymentId")) && !EventTypes.DEPLOYMENT_STARTED.equals(event.getType()))
                        .as("reconciled once").extracting(LedgerEvent::getType)
                        .containsExactly(EventTypes.DEPLOYMENT_SUCCEEDED);
                assertThat(events).filteredOn(event -> EventTypes.DEPLOYMENT_SUCCEEDED.equals(event.getType())
                        && "1.1.0".equals(event.getData().get("version"))
                        && !plan.get("deploymentId").equals(event.getData().get("deploymentId")))
                        .as("both processes deployed").hasSize(2);
                assertThat(lockNesting(events)).as("never two locks at once").isEqualTo(1);
            }
        } finally {
            docker("rm", "-f", CONTAINER);
        }
    }

    /** A deploy of 1.1.0 that locked, recorded its plan and died before touching the host. */
    private static String recordDeadDeploy(final Path ledgerRoot, final Map<String, Object> plan) throws Exception {
        Actor actor = new Actor("ghost", null);
        Origin origin = Origin.cli("ghost", "test");
        try (Ledger ledger = Ledger.open(ledgerRoot, APPLICATION, new io.releaseledger.report.Messages(),
                Cli.keys(ledgerRoot))) {
            LockResult lock = ledger.lock("dev", "1.1.0", "deploy 1.1.0 (pid 2147483000 on "
                    + InetAddress.getLocalHost().getHostName() + ")", actor, origin);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("deploymentId", plan.get("deploymentId"));
            data.put("version", "1.1.0");
            data.put("image", plan.get("image"));
            data.put("lockId", lock.getLockId());
            data.put("plan", plan);
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, actor, origin).setEnvironment("dev")
                    .setData(data));
            return lock.getLockId();
        }
    }

    /** The most locks held at once, replaying locked/unlocked in order. */
    private static int lockNesting(final List<LedgerEvent> events) {
        int held = 0;
        int most = 0;
        for (LedgerEvent event : events) {
            if (EventTypes.ENVIRONMENT_LOCKED.equals(event.getType())) {
                most = Math.max(most, ++held);
            } else if (EventTypes.ENVIRONMENT_UNLOCKED.equals(event.getType())) {
                held--;
            }
        }
        return most;
    }

    private Process cli(final int index, final String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out-" + index + ".txt").toFile())
                .redirectError(dir.resolve("err-" + index + ".txt").toFile());
        builder.environment().put("RELEASE_LEDGER_HOME", dir.resolve("home").toString());
        builder.environment().put("XDG_CONFIG_HOME", Cli.TEST_CONFIG_HOME.toString()); // the key of the in-process runs
        return builder.start();
    }

    private void writeDescriptor(final int port) throws IOException {
        Files.writeString(dir.resolve("release-ledger.yaml"), "schemaVersion: 1\n"
                + "application: " + APPLICATION + "\n"
                + "image: " + REPOSITORY + "\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    container:\n"
                + "      network: host\n"
                + "      restart: \"no\"\n"
                + "      command: [httpd, -f, -p, \"127.0.0.1:" + port + "\", -h, /www]\n"
                + "    instances: {count: 1, ports: [" + port + "]}\n"
                + "    strategy: recreate\n"
                + "    healthGate:\n"
                + "      timeout: 20s\n"
                + "      interval: 200ms\n"
                + "      checks:\n"
                + "        - http: /\n", StandardCharsets.UTF_8);
    }

    private static void docker(final String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("docker " + String.join(" ", args) + " timed out");
        }
    }
}
