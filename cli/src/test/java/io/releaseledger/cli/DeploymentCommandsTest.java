package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy, promote, rollback, mark-bad and clear-bad: usage, validation and the ledger, without Docker. */
class DeploymentCommandsTest {
    private static final String SECRET = "s3cret-registry-pass";
    private static final String DESCRIPTOR = "schemaVersion: 1\n"
            + "application: hello\n"
            + "image: 127.0.0.1:5000/rltest/cli-hello\n"
            + "environments:\n"
            + "  - name: dev\n"
            + "    hosts: [unix:///var/run/docker.sock]\n";

    @TempDir
    Path dir;

    private Path ledgerRoot() {
        return dir.resolve("ledgers");
    }

    private Cli.Result run(final Map<String, String> environment, final String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--ledger", ledgerRoot().toString(), "-C", dir.toString()));
        return Cli.withEnvironment(environment).run(all.toArray(String[]::new));
    }

    private Cli.Result run(final String... args) {
        return run(Map.of(), args);
    }

    private void writeDescriptor(final String text) throws IOException {
        Files.writeString(dir.resolve("release-ledger.yaml"), text, StandardCharsets.UTF_8);
    }

    private void createLedger(final String application) {
        Ledger.open(ledgerRoot(), application).close();
    }

    @Test
    void helpDocumentsOptionsAndExitCodes() {
        Cli.Result top = Cli.plain().run("--help");
        Cli.Result deploy = Cli.plain().run("deploy", "--help");
        Cli.Result promote = Cli.plain().run("promote", "--help");
        Cli.Result rollback = Cli.plain().run("rollback", "--help");
        Cli.Result clear = Cli.plain().run("clear-bad", "--help");

        assertThat(top.out).contains("deploy", "promote", "rollback", "mark-bad", "clear-bad");
        assertThat(deploy.exitCode).as(deploy.toString()).isZero();
        assertThat(deploy.out).contains("--descriptor", "--environment", "--version", "--tag", "--digest",
                "--allow-downgrade", "--dry-run", "--lock-timeout", "--registry-username", "--registry-password-file",
                "--ledger", "--application", "--json", "Exit codes:", "RELEASE_LEDGER_REGISTRY_PASSWORD");
        assertThat(promote.out).contains("--to", "--from", "--version", "Exit codes:");
        assertThat(rollback.out).contains("--environment", "--reason", "--version", "Exit codes:");
        assertThat(clear.out).contains("--version", "--reason", "Exit codes:");
    }

    @Test
    void missingRequiredOptionsAreUsageErrors() {
        Cli.Result deploy = run("deploy", "--version", "1.0.0");
        Cli.Result promote = run("promote");
        Cli.Result rollback = run("rollback", "--environment", "dev");
        Cli.Result markBad = run("mark-bad", "--version", "1.0.0");
        Cli.Result badTimeout = run("deploy", "--environment", "dev", "--version", "1.0.0", "--lock-timeout", "soon");

        assertThat(deploy.exitCode).as(deploy.toString()).isEqualTo(2);
        assertThat(deploy.err).startsWith("release-ledger deploy: ").contains("--environment");
        assertThat(promote.exitCode).isEqualTo(2);
        assertThat(promote.err).contains("--to");
        assertThat(rollback.exitCode).isEqualTo(2);
        assertThat(rollback.err).contains("--reason");
        assertThat(markBad.exitCode).isEqualTo(2);
        assertThat(markBad.err).contains("--reason");
        assertThat(badTimeout.exitCode).isEqualTo(2);
        assertThat(badTimeout.err).contains("--lock-timeout");
    }

    @Test
    void aPasswordTypedAsAnArgumentIsRefusedWithoutEchoingIt() {
        Cli.Result result = run("deploy", "--environment", "dev", "--version", "1.0.0", "--registry-password", SECRET);

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("secrets are never taken from arguments")
                .contains("$RELEASE_LEDGER_REGISTRY_PASSWORD").doesNotContain(SECRET);
    }

    @Test
    void aDescriptorWithMistakesFailsListingEveryProblem() throws IOException {
        writeDescriptor("schemaVersion: 1\n"
                + "application: hello\n"
                + "imgae: 127.0.0.1:5000/rltest/cli-hello\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    strategy: {type: sideways}\n"
                + "    instances: {count: -2}\n");

        Cli.Result result = run("deploy", "--environment", "dev", "--version", "1.0.0", "--json");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.err).startsWith("release-ledger deploy: ").contains("imgae", "image", "sideways", "count");
        assertThat(Json.parseObject(result.out)).containsKey("error");
        assertThat(Files.exists(ledgerRoot().resolve("hello"))).isFalse();
    }

    @Test
    void aBadOverrideIsReportedLikeTheFileNamingTheOverride() throws IOException {
        writeDescriptor(DESCRIPTOR);

        Cli.Result bad = run("deploy", "--environment", "dev", "--version", "1.0.0",
                "--set", "environments.dev.strategy=sideways", "--set", "environments.dev.protected=false");
        Cli.Result malformed = run("deploy", "--environment", "dev", "--version", "1.0.0", "--set", "image");

        assertThat(bad.exitCode).as(bad.toString()).isEqualTo(1);
        assertThat(bad.err).startsWith("release-ledger deploy: ").contains("with overrides has 2 problems")
                .contains("unknown strategy 'sideways'; use recreate or rolling "
                        + "(override environments.dev.strategy)")
                .contains("'environments.dev.protected' cannot be overridden");
        assertThat(malformed.exitCode).as(malformed.toString()).isEqualTo(1);
        assertThat(malformed.err).contains("--set 'image' is not PATH=VALUE");
        assertThat(Files.exists(ledgerRoot().resolve("hello"))).isFalse();
    }

    @Test
    void aMissingDescriptorIsAFailure() {
        Cli.Result result = run("deploy", "--environment", "dev", "--version", "1.0.0", "--descriptor", "nope.yaml");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.err).startsWith("release-ledger deploy: ").contains("nope.yaml does not exist: create "
                + "release-ledger.yaml at the repository root").doesNotContain("problem");
    }

    @Test
    void anUnknownEnvironmentFailsWithTheEnginesMessage() throws IOException {
        writeDescriptor(DESCRIPTOR);

        Cli.Result result = run("deploy", "--environment", "prod", "--version", "1.0.0", "--json");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.err).startsWith("release-ledger deploy: ").contains("no environment 'prod'");
        assertThat((String) Json.parseObject(result.out).get("error")).contains("no environment 'prod'");
    }

    @Test
    void aRegistryPasswordWithoutUsernameFailsAndIsNeverPrinted() throws IOException {
        writeDescriptor(DESCRIPTOR);

        Cli.Result result = run(Map.of(RegistryOptions.PASSWORD_VARIABLE, SECRET), "deploy", "--environment", "dev",
                "--version", "1.0.0");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.err).contains("--registry-username").doesNotContain(SECRET);
        assertThat(result.out).doesNotContain(SECRET);
    }

    @Test
    void promoteAndRollbackRefuseWhatTheLedgerDoesNotHave() throws IOException {
        writeDescriptor(DESCRIPTOR + "  - name: prod\n    promotesFrom: dev\n    hosts: [unix:///var/run/docker.sock]\n");

        Cli.Result promote = run("promote", "--to", "prod");
        Cli.Result rollback = run("rollback", "--environment", "prod", "--reason", "broken");

        assertThat(promote.exitCode).as(promote.toString()).isEqualTo(1);
        assertThat(promote.err).startsWith("release-ledger promote: ").contains("nothing has been deployed to dev");
        assertThat(rollback.exitCode).as(rollback.toString()).isEqualTo(1);
        assertThat(rollback.err).startsWith("release-ledger rollback: ").contains("no release running there");
    }

    @Test
    @SuppressWarnings("unchecked")
    void markBadThenClearBadAreRecorded() throws IOException {
        writeDescriptor(DESCRIPTOR);
        createLedger("hello");
        createLedger("other");

        Cli.Result mark = run("mark-bad", "--version", "1.4.0", "--reason", "basket answers 500");
        Map<String, Object> marked = Json.parseObject(run("status", "--json", "--application", "hello").out);
        Cli.Result clear = run("clear-bad", "--version", "1.4.0", "--reason", "false alarm");
        Cli.Result history = run("history", "--application", "hello");
        Map<String, Object> state = Json.parseObject(run("status", "--json", "--application", "hello").out);

        assertThat(mark.exitCode).as(mark.toString()).isZero();
        assertThat(mark.err).contains("Marked 1.4.0 bad in the ledger of hello");
        assertThat((List<Map<String, Object>>) marked.get("badReleases")).extracting(b -> b.get("version"))
                .containsExactly("1.4.0");
        assertThat(clear.exitCode).as(clear.toString()).isZero();
        assertThat(history.exitCode).as(history.toString()).isZero();
        assertThat(history.out).contains("release.marked-bad", "release.bad-cleared", "basket answers 500",
                "false alarm", TagRecorder.userName(Map.of()));
        assertThat((List<Object>) state.get("badReleases")).isEmpty();
    }

    @Test
    void clearBadOfAReleaseThatIsNotMarkedFails() {
        createLedger("shop");

        Cli.Result result = run("clear-bad", "--version", "9.9.9", "--reason", "why not");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.err).startsWith("release-ledger clear-bad: ").contains("not marked bad");
    }

    @Test
    void markBadNeverCreatesALedger() {
        Cli.Result result = run("mark-bad", "--application", "ghost", "--version", "1.0.0", "--reason", "x");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.err).contains("no ledger for application \"ghost\"");
        assertThat(Files.exists(ledgerRoot().resolve("ghost"))).isFalse();
    }

    @Test
    void unlockReleasesAStuckLockByForceRecordingWhoAndWhy() throws IOException {
        writeDescriptor(DESCRIPTOR);
        try (Ledger ledger = Ledger.open(ledgerRoot(), "hello")) {
            ledger.lock("dev", "1.0.0", "deploy 1.0.0 (pid 1 on elsewhere)", new Actor("ci", null),
                    Origin.cli("ci", "ci-host"));
        }

        Cli.Result missingReason = run("unlock", "--environment", "dev", "--no-reconcile");
        Cli.Result unlock = run("unlock", "--environment", "dev", "--no-reconcile", "--reason",
                "deploy #12 was aborted and left the lock");
        Cli.Result again = run("unlock", "--environment", "dev", "--no-reconcile", "--reason", "twice");

        assertThat(missingReason.exitCode).isEqualTo(2);
        assertThat(unlock.exitCode).as(unlock.toString()).isZero();
        assertThat(unlock.err).contains("Unlocked dev (lock ").contains("deploy #12 was aborted and left the lock");
        assertThat(again.exitCode).as(again.toString()).isEqualTo(1);
        assertThat(again.err).contains("Environment dev is not locked");
        try (Ledger ledger = Ledger.open(ledgerRoot(), "hello", new io.releaseledger.report.Messages(),
                Cli.keys(ledgerRoot()))) {
            LedgerEvent unlocked = ledger.events("dev").get(1);
            assertThat(unlocked.getType()).isEqualTo("environment.unlocked");
            assertThat(unlocked.getData()).containsEntry("forced", true)
                    .containsEntry("reason", "deploy #12 was aborted and left the lock");
            assertThat(ledger.lock("dev", "1.1.0", "deploy", new Actor("ci", null),
                    Origin.cli("ci", "ci-host")).isAcquired()).isTrue();
        }
    }
}
