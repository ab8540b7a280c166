package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.Ledger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, history and verify against a ledger the engine wrote. */
class LedgerCommandsTest {
    @TempDir
    Path root;

    @BeforeEach
    void writeLedger() {
        LedgerFixture.write(root);
    }

    private Cli.Result run(final String... args) {
        return Cli.plain().runOnLedger(root, args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusJsonIsTheApiState() {
        Cli.Result result = run("status", "--json");

        assertThat(result.exitCode).as(result.toString()).isZero();
        Map<String, Object> state = Json.parseObject(result.out);
        assertThat(state).containsEntry("application", "shop");
        assertThat(((Number) state.get("events")).intValue()).isEqualTo(LedgerFixture.EVENTS);
        List<Map<String, Object>> environments = (List<Map<String, Object>>) state.get("environments");
        assertThat(environments).extracting(e -> e.get("name")).containsExactly("staging", "production");
        Map<String, Object> staging = (Map<String, Object>) environments.get(0).get("current");
        assertThat(staging).containsEntry("version", "1.4.1");
        assertThat((Map<String, Object>) staging.get("image")).containsEntry("digest", LedgerFixture.digest("1.4.1"));
        assertThat((Map<String, Object>) environments.get(0).get("lock")).containsEntry("version", "1.5.0");
        Map<String, Object> production = (Map<String, Object>) environments.get(1).get("current");
        assertThat(production).containsEntry("version", "1.3.0");
        assertThat((List<Map<String, Object>>) state.get("badReleases")).extracting(b -> b.get("version"))
                .containsExactly("1.4.0");
    }

    @Test
    void statusForPeopleShowsWhatRunsWhere() {
        Cli.Result result = run("status");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).contains("Application shop: " + LedgerFixture.EVENTS + " events", "ENVIRONMENT",
                "staging", "1.4.1", "Alice Example (alice)", "shop/main #", "passed (3/3)",
                "deploying 1.5.0 — build #" + LedgerFixture.LOCK_BUILD, "production", "1.3.0",
                "Bad releases:", "1.4.0: basket answers 500 under load", "production lacks 1.5.0, 1.4.1, 1.4.0",
                "ABC-42", "#77", "PROJ-7");
        assertThat(result.out.indexOf("staging")).isLessThan(result.out.indexOf("production"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void historyJsonPages() {
        Cli.Result first = run("history", "--json", "--environment", "staging", "--size", "5");
        Cli.Result second = run("history", "--json", "--environment", "staging", "--size", "5", "--page", "1");

        assertThat(first.exitCode).as(first.toString()).isZero();
        Map<String, Object> page0 = Json.parseObject(first.out);
        Map<String, Object> page1 = Json.parseObject(second.out);
        assertThat(page0).containsEntry("environment", "staging");
        assertThat(((Number) page0.get("total")).intValue()).isGreaterThan(LedgerFixture.STAGING_CHECKS);
        List<Map<String, Object>> entries0 = (List<Map<String, Object>>) page0.get("entries");
        List<Map<String, Object>> entries1 = (List<Map<String, Object>>) page1.get("entries");
        assertThat(entries0).hasSize(5);
        assertThat(entries1).hasSize(5);
        long newestOnPage1 = ((Number) entries1.get(0).get("seq")).longValue();
        long oldestOnPage0 = ((Number) entries0.get(4).get("seq")).longValue();
        assertThat(newestOnPage1).isLessThan(oldestOnPage0);
        assertThat(entries0.get(0)).containsEntry("type", "environment.locked");
    }

    @Test
    void historyForPeopleMarksRollbacks() {
        Cli.Result result = run("history", "--environment", "production");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).contains("SEQ", "release.rolledback [ROLLBACK, automatic]", "1.4.0 -> 1.3.0",
                "smoke check failed: /basket answered 500", "Bob Builder (bob)");
    }

    @Test
    void historyRefusesABadPageSize() {
        Cli.Result result = run("history", "--size", "500");

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).contains("release-ledger history: the page size must be between 1 and 200");
    }

    @Test
    void statusAndVerifyShowAnApplicationWithoutALedgerYetAsZeroEvents(@org.junit.jupiter.api.io.TempDir final Path
            project) throws IOException {
        Files.writeString(project.resolve("release-ledger.yaml"), "schemaVersion: 1\napplication: newapp\n"
                + "image: 127.0.0.1:5000/newapp\nenvironments:\n  - name: dev\n    hosts: [unix:///var/run/docker.sock]\n");

        Cli.Result status = run("status", "-C", project.toString());
        Cli.Result verify = run("verify", "--application", "newapp");
        Cli.Result history = run("history", "-C", project.toString());

        assertThat(status.exitCode).as(status.toString()).isZero();
        assertThat(status.out).contains("Application newapp: 0 events");
        assertThat(status.err).contains("No ledger for application \"newapp\" under " + root + " yet: 0 events");
        assertThat(verify.exitCode).as(verify.toString()).isZero();
        assertThat(verify.out).startsWith("intact: 0 events, hash chain verified (newapp)");
        assertThat(history.exitCode).as(history.toString()).isZero();
        assertThat(history.out).contains("No events.", "page 1 of 1, 0 events");
        assertThat(root.resolve("newapp")).as("nothing is created").doesNotExist();
    }

    @Test
    void statusReadsTheApplicationOfTheDescriptorInTheDirectory(@org.junit.jupiter.api.io.TempDir final Path project)
            throws IOException {
        Files.writeString(project.resolve("release-ledger.yaml"), "schemaVersion: 1\napplication: shop\n"
                + "image: 127.0.0.1:5000/shop\nenvironments:\n  - name: staging\n    hosts: [unix:///var/run/docker.sock]\n");
        Ledger.open(root, "second").close(); // two ledgers: without the descriptor status would ask which

        Cli.Result status = run("status", "-C", project.toString());

        assertThat(status.exitCode).as(status.toString()).isZero();
        assertThat(status.out).contains("Application shop: " + LedgerFixture.EVENTS + " events");
    }

    @Test
    void verifyIntactExitsZero() {
        Cli.Result result = run("verify");
        Cli.Result json = run("verify", "--json");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).startsWith("intact: " + LedgerFixture.EVENTS + " events");
        assertThat(Json.parseObject(json.out)).containsEntry("intact", true);
    }

    @Test
    void verifyDamagedExitsThreeAndNamesTheLine() throws IOException {
        Path journal = root.resolve("shop").resolve("events.jsonl");
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        lines.set(6, lines.get(6).replace("Alice Example", "Mallory Example"));
        Files.write(journal, lines, StandardCharsets.UTF_8);
        Files.deleteIfExists(root.resolve("shop").resolve("checkpoint.bin"));

        Cli.Result result = run("verify");
        Cli.Result json = run("verify", "--json");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(result.out).startsWith("DAMAGED: line 7, seq 7: ");
        assertThat(json.exitCode).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(Json.parseObject(json.out)).containsEntry("intact", false);
    }

    /** Cuts the journal back to its first {@code lines} lines, behind the checkpoint the engine wrote. */
    static void truncateJournal(final Path root, final int lines) throws IOException {
        Path journal = root.resolve("shop").resolve("events.jsonl");
        assertThat(root.resolve("shop").resolve("checkpoint.bin")).exists();
        List<String> all = Files.readAllLines(journal, StandardCharsets.UTF_8);
        Files.write(journal, all.subList(0, lines), StandardCharsets.UTF_8);
    }

    /** Edits line {@code number} (1-based) behind the checkpoint: its content no longer matches its hash. */
    static void editLine(final Path root, final int number) throws IOException {
        Path journal = root.resolve("shop").resolve("events.jsonl");
        assertThat(root.resolve("shop").resolve("checkpoint.bin")).exists();
        List<String> all = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
        all.set(number - 1, all.get(number - 1).replace("\"at\":\"2", "\"at\":\"3"));
        Files.write(journal, all, StandardCharsets.UTF_8);
    }

    @Test
    void verifyReportsAJournalEditedBehindItsCheckpoint() throws IOException {
        editLine(root, 6);

        Cli.Result result = run("verify");
        Cli.Result json = run("verify", "--json");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(result.out).startsWith("DAMAGED: line 6, seq 6: ").contains("edited")
                .contains("restores " + root.resolve("shop").resolve("events.jsonl") + " from a backup");
        assertThat(json.exitCode).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(Json.parseObject(json.out)).containsEntry("intact", false).containsEntry("line", 6L)
                .containsEntry("seq", 6L);
    }

    @Test
    void verifyTakesAJournalCutShortAtALineAsARestoredBackupAndWarns() throws IOException {
        truncateJournal(root, 5);

        Cli.Result result = run("verify");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.err).contains("events 6 to " + LedgerFixture.EVENTS + " are not in it");
    }

    @Test
    void verifyReportsAnEditBehindTheCheckpointAtItsLine() throws IOException {
        Path journal = root.resolve("shop").resolve("events.jsonl");
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        lines.set(6, lines.get(6).replace("Alice Example", "Mallory Example"));
        Files.write(journal, lines, StandardCharsets.UTF_8);

        Cli.Result result = run("verify");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(result.out).startsWith("DAMAGED: line 7, seq 7: ");
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusWarnsLoudlyAboutADamagedLedgerAndStillShowsIt() throws IOException {
        editLine(root, 6);

        Cli.Result result = run("status");
        Cli.Result json = run("status", "--json");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).startsWith("WARNING: THE LEDGER IS DAMAGED at line 6 (seq 6): ")
                .contains("release-ledger verify").contains("backup").contains("staging").contains("production");
        assertThat(json.exitCode).as(json.toString()).isZero();
        Map<String, Object> state = Json.parseObject(json.out);
        assertThat(((Number) state.get("events")).intValue()).as("what was recorded before the damage").isEqualTo(5);
        assertThat((Map<String, Object>) state.get("integrity")).containsEntry("intact", false)
                .containsEntry("line", 6L).containsEntry("seq", 6L);
        assertThat(json.err).contains("WARNING: THE LEDGER IS DAMAGED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusOfAnIntactLedgerHasNoWarning() {
        Cli.Result result = run("status");
        Cli.Result json = run("status", "--json");

        assertThat(result.out).doesNotContain("DAMAGED");
        assertThat((Map<String, Object>) Json.parseObject(json.out).get("integrity")).isEqualTo(Map.of("intact", true));
    }

    @Test
    void unknownApplicationIsShownEmptyNamingTheKnownOnes() {
        Cli.Result result = run("status", "--application", "nope");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).contains("Application nope: 0 events");
        assertThat(result.err).contains("No ledger for application \"nope\" under " + root + " yet: 0 events "
                + "(known: shop)");
    }

    @Test
    void severalApplicationsNeedTheOption() {
        Ledger other = Ledger.open(root, "billing");
        LedgerText.closeQuietly(other);
        Cli.Result ambiguous = run("status");
        Cli.Result chosen = run("status", "--json", "--application", "shop");

        assertThat(ambiguous.exitCode).isEqualTo(1);
        assertThat(ambiguous.err).contains("choose one with --application");
        assertThat(chosen.exitCode).as(chosen.toString()).isZero();
    }

    @Test
    void ledgerHomeComesFromTheEnvironment() {
        Cli.Result result = Cli.withEnvironment(Map.of("RELEASE_LEDGER_HOME", root.toString())).run("verify");

        assertThat(result.exitCode).as(result.toString()).isZero();
    }
}
