package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, verify and history give one verdict, print the engine's warnings, and never write. */
class LedgerIntegrityCommandsTest {
    @TempDir
    Path root;

    private Path journal;

    @BeforeEach
    void writeLedger() {
        LedgerFixture.write(root);
        journal = root.resolve("shop").resolve("events.jsonl");
    }

    private Cli.Result run(final String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--ledger");
        all.add(root.toString());
        return Cli.plain().run(all.toArray(String[]::new));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldSayDamagedInStatusAsVerifyDoesForAnEditBehindTheCheckpoint() throws IOException {
        assertThat(root.resolve("shop").resolve("checkpoint.bin")).exists();
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines.get(3)).contains("\"id\":\"alice\"");
        lines.set(3, lines.get(3).replace("\"id\":\"alice\"", "\"id\":\"eve00\""));
        Files.writeString(journal, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        Cli.Result verify = run("verify");
        Cli.Result status = run("status", "--json");

        assertThat(verify.exitCode).as(verify.toString()).isEqualTo(ReleaseLedgerCli.DAMAGED);
        assertThat(verify.out).contains("DAMAGED: line 4");
        Map<String, Object> integrity = (Map<String, Object>) Json.parseObject(status.out).get("integrity");
        assertThat(integrity).containsEntry("intact", false).containsEntry("line", 4L);
        assertThat(status.err).contains("THE LEDGER IS DAMAGED at line 4");
    }

    @Test
    void shouldPrintTheWarningWhenAJournalRestoredFromABackupMeetsANewerCheckpoint() throws IOException {
        List<String> lines = Files.readAllLines(journal);
        Files.writeString(journal, String.join("\n", lines.subList(0, 5)) + "\n", StandardCharsets.UTF_8);

        Cli.Result verify = run("verify");

        assertThat(verify.exitCode).as(verify.toString()).isZero();
        assertThat(verify.out).contains("intact: 5 events");
        assertThat(verify.err).contains("warning: Ledger shop: the checkpoint").contains("older backup")
                .contains("rebuilt from all 5 events");
    }

    @Test
    void shouldNeitherWriteNorSetAsideWhenReading() throws IOException {
        Files.delete(root.resolve("shop").resolve("checkpoint.bin"));
        Files.writeString(journal, "{\"schema\":1,\"seq\":99", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(journal);
        List<String> names = names();

        Cli.Result status = run("status", "--json");
        Cli.Result verify = run("verify");
        Cli.Result history = run("history", "--json");

        assertThat(status.exitCode).as(status.toString()).isZero();
        assertThat(verify.exitCode).as(verify.toString()).isZero();
        assertThat(history.exitCode).as(history.toString()).isZero();
        assertThat(verify.err).contains("warning: The ledger journal").contains("incomplete event");
        assertThat(Files.readAllBytes(journal)).isEqualTo(before);
        assertThat(names()).isEqualTo(names);
    }

    @Test
    void shouldSayTheJournalIsMissingInsteadOfNothingRecorded() throws IOException {
        Files.delete(journal);

        Cli.Result status = run("status");
        Cli.Result named = run("verify", "--application", "shop");

        assertThat(status.exitCode).isEqualTo(ReleaseLedgerCli.FAILURE);
        assertThat(status.err).contains(journal.toString()).contains("is missing").doesNotContain("nothing has been");
        assertThat(named.err).contains("is missing");
        assertThat(journal).doesNotExist();
    }

    @Test
    void shouldSayTheJournalIsADirectory() throws IOException {
        Files.delete(journal);
        Files.createDirectory(journal);

        Cli.Result status = run("status", "--json");

        assertThat(status.exitCode).isEqualTo(ReleaseLedgerCli.FAILURE);
        assertThat(status.err).contains("is a directory, not a file");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("shop"))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
