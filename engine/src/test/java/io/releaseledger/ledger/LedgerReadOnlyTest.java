package io.releaseledger.ledger;

import static io.releaseledger.ledger.LedgerFixture.ALICE;
import static io.releaseledger.ledger.LedgerFixture.BUILD_212;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers never write: a read-only ledger is read and verified, a torn tail and a missing journal are reported. */
class LedgerReadOnlyTest {
    @TempDir
    Path root;

    private Path directory;
    private Path journal;

    @BeforeEach
    void writeSixteenEvents() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerViewTest.release(ledger);
            directory = ledger.getDirectory();
        }
        journal = directory.resolve(Ledger.JOURNAL_FILE);
    }

    @Test
    void shouldReadAndVerifyALedgerNobodyMayWrite() throws Exception {
        Files.delete(directory.resolve(Checkpoint.FILE));
        Files.delete(directory.resolve(Journal.LOCK_FILE));
        makeReadOnly();
        try {
            try (Ledger ledger = Ledger.openForReading(root, "shop", new Messages())) {
                assertThat(ledger.view().state()).containsEntry("events", 16L)
                        .containsEntry("integrity", Map.of("intact", true));
                assertThat(ledger.verify().isIntact()).isTrue();
                assertThat(ledger.events(null)).hasSize(16);
            }
        } finally {
            makeWritable();
        }
        assertThat(names()).containsExactly(Ledger.JOURNAL_FILE);
    }

    @Test
    void shouldWriteNothingWhenReadingEvenWithATornTailAndNoCheckpoint() throws IOException {
        Files.delete(directory.resolve(Checkpoint.FILE));
        Files.writeString(journal, "{\"schema\":1,\"seq\":17,\"ty", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(journal);
        List<String> namesBefore = names();
        Messages notes = new Messages();

        try (Ledger ledger = Ledger.openForReading(root, "shop", notes)) {
            assertThat(ledger.view().state()).containsEntry("events", 16L)
                    .containsEntry("integrity", Map.of("intact", true));
            assertThat(ledger.verify().isIntact()).isTrue();
            assertThatThrownBy(() -> ledger.lock("staging", "1.7.0", null, ALICE, BUILD_212))
                    .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("reading only");
        }
        assertThat(Files.readAllBytes(journal)).isEqualTo(before);
        assertThat(names()).isEqualTo(namesBefore);
        assertThat(notes.getAll()).extracting(Message::getLevel).containsExactly(Message.Level.WARNING);
        assertThat(notes.getAll().get(0).getText()).contains("incomplete event").contains("not read");
    }

    @Test
    void shouldSayTheJournalIsMissingWhenItWasDeleted() throws IOException {
        Files.delete(journal);
        assertThatThrownBy(() -> Ledger.openForReading(root, "shop", new Messages()))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining(journal.toString())
                .hasMessageContaining("missing").hasMessageContaining("backup");
        assertThatThrownBy(() -> Ledger.open(root, "shop", new Messages()))
                .as("a writer does not start a new history either").isInstanceOf(ReleaseLedgerException.class)
                .hasMessageContaining("missing");
        assertThat(journal).doesNotExist();
        assertThat(Ledger.applicationsWithoutJournal(root)).containsExactly("shop");
    }

    @Test
    void shouldSayTheJournalIsMissingFromADirectoryWithoutACheckpoint() throws IOException {
        Files.delete(journal);
        Files.delete(directory.resolve(Checkpoint.FILE));
        assertThatThrownBy(() -> Ledger.openForReading(root, "shop", new Messages()))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining(journal.toString())
                .hasMessageContaining("is missing").hasMessageContaining("backup");
        assertThat(names()).doesNotContain(Ledger.JOURNAL_FILE);
    }

    @Test
    void shouldSayTheJournalIsADirectory() throws IOException {
        Files.delete(journal);
        Files.createDirectory(journal);
        assertThatThrownBy(() -> Ledger.openForReading(root, "shop", new Messages()))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("is a directory, not a file");
        assertThatThrownBy(() -> Ledger.open(root, "shop", new Messages()))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("is a directory, not a file");
    }

    @Test
    void shouldReportALineOverTheLimitAsDamageWithItsLineNumber() throws IOException {
        byte[] line = new byte[(64 << 20) + 10];
        java.util.Arrays.fill(line, (byte) 'x');
        line[line.length - 1] = '\n';
        Files.write(journal, line, StandardOpenOption.APPEND);
        Files.writeString(journal, "{}\n", StandardOpenOption.APPEND);

        try (Ledger ledger = Ledger.openForReading(root, "shop", new Messages())) {
            Verification verification = ledger.verify();
            assertThat(verification.isIntact()).isFalse();
            assertThat(verification.getLine()).isEqualTo(17);
            assertThat(verification.getProblem()).contains("longer than");
            assertThat(ledger.isDamaged()).isTrue();
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** Read-only for everyone, root included: chmod does not stop root, the immutable attribute does. */
    private void makeReadOnly() throws Exception {
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!Files.isWritable(directory)) {
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(run("chattr", "+i", journal.toString()) == 0
                && run("chattr", "+i", directory.toString()) == 0, "chattr +i is not available here");
    }

    private void makeWritable() throws Exception {
        run("chattr", "-i", directory.toString());
        run("chattr", "-i", journal.toString());
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static int run(final String... command) throws InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
