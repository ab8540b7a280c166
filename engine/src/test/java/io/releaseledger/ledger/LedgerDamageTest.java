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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged journal is reported, never rebuilt over or hidden: the ledger opens in its damaged state, serves what
 * was recorded before the damage with {@code integrity} in its state, and refuses to record events.
 */
class LedgerDamageTest {
    @TempDir
    Path root;

    private Path directory;
    private Path journal;
    private Path checkpoint;
    private Map<String, Object> productionHistory;

    @BeforeEach
    void writeSixteenEventsAndACheckpoint() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            LedgerViewTest.release(ledger);
            directory = ledger.getDirectory();
            productionHistory = ledger.view().history("production", 0, 20);
        }
        journal = directory.resolve(Ledger.JOURNAL_FILE);
        checkpoint = directory.resolve(Checkpoint.FILE);
        assertThat(checkpoint).exists();
    }

    @Test
    void shouldRebuildWithAWarningWhenTheJournalWasRestoredFromAnOlderBackup() throws IOException {
        List<String> lines = Files.readAllLines(journal);
        Files.writeString(journal, String.join("\n", lines.subList(0, 10)) + "\n", StandardCharsets.UTF_8);
        Messages notes = new Messages();

        try (Ledger ledger = Ledger.open(root, "shop", notes)) {
            assertThat(ledger.isDamaged()).isFalse();
            assertThat(ledger.view().state()).containsEntry("events", 10L)
                    .containsEntry("integrity", Map.of("intact", true));
            assertThat(ledger.verify().isIntact()).isTrue();
            new LedgerFixture(ledger).deploy("staging", "d9", "1.7.0", "c170");
        }
        assertThat(notes.getAll()).extracting(Message::getLevel).containsExactly(Message.Level.WARNING);
        assertThat(notes.getAll().get(0).getText()).contains(checkpoint.toString()).contains("older backup")
                .contains("events 11 to 16 are not in it").contains("rebuilt from all 10 events");
        try (Ledger ledger = Ledger.open(root, "shop", new Messages())) {
            assertThat(ledger.view().state()).containsEntry("events", 12L);
        }
    }

    @Test
    void shouldReportAnEmptiedJournalBehindTheCheckpoint() throws IOException {
        Files.write(journal, new byte[0]);
        byte[] checkpointBefore = Files.readAllBytes(checkpoint);

        try (Ledger ledger = Ledger.open(root, "shop", new Messages())) {
            assertThat(ledger.isDamaged()).isTrue();
            assertThat(ledger.getDamage().getProblem()).contains("empty").contains("16 events");
            assertThat(ledger.view().state()).containsEntry("events", 16L);
            assertThat(ledger.view().history("production", 0, 20)).isEqualTo(productionHistory);
            assertThat(ledger.verify().isIntact()).isFalse();
        }
        assertThat(Files.readAllBytes(checkpoint)).isEqualTo(checkpointBefore);
    }

    @Test
    void shouldReportAnEditOfTheSameLengthBehindTheCheckpointToEveryReaderAndWriter() throws IOException {
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines.get(5)).contains("\"id\":\"alice\"");
        lines.set(5, lines.get(5).replace("\"id\":\"alice\"", "\"id\":\"eve00\""));
        Files.writeString(journal, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        byte[] checkpointBefore = Files.readAllBytes(checkpoint);

        try (Ledger ledger = Ledger.open(root, "shop", new Messages())) {
            assertThat(ledger.isDamaged()).isTrue();
            assertThat(integrity(ledger.view().state())).containsEntry("intact", false).containsEntry("line", 6L);
            assertThat(ledger.view().state()).containsEntry("events", 5L);
            assertRefusesToRecord(ledger, 6, 6);
            assertThat(ledger.verify().getLine()).isEqualTo(6);
        }
        try (Ledger reader = Ledger.openForReading(root, "shop", new Messages())) {
            assertThat(integrity(reader.view().state())).containsEntry("intact", false).containsEntry("line", 6L);
        }
        assertThat(Files.readAllBytes(checkpoint)).isEqualTo(checkpointBefore);
    }

    @Test
    void shouldTurnDamagedWhenALineIsEditedInPlaceWhileItIsOpen() throws IOException {
        try (Ledger ledger = Ledger.open(root, "shop", new Messages())) {
            assertThat(integrity(ledger.view().state())).isEqualTo(Map.of("intact", true));
            List<String> lines = Files.readAllLines(journal);
            assertThat(lines.get(2)).contains("\"id\":\"alice\"");
            lines.set(2, lines.get(2).replace("\"id\":\"alice\"", "\"id\":\"eve00\""));
            Files.writeString(journal, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            // The edit is seen by its modification time; the file system's clock may not have ticked since the open.
            Files.setLastModifiedTime(journal, java.nio.file.attribute.FileTime.fromMillis(
                    Files.getLastModifiedTime(journal).toMillis() + 2_000));

            assertThat(integrity(ledger.view().state())).containsEntry("intact", false).containsEntry("line", 3L);
            assertRefusesToRecord(ledger, 3, 3);
        }
    }

    @Test
    void shouldReportAnEditBeforeTheCheckpointAtItsLine() throws IOException {
        List<String> lines = Files.readAllLines(journal);
        lines.set(5, lines.get(5).replace("\"id\":\"alice\"", "\"id\":\"mallory\""));
        Files.writeString(journal, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        byte[] checkpointBefore = Files.readAllBytes(checkpoint);

        try (Ledger ledger = Ledger.open(root, "shop", new Messages())) {
            assertThat(ledger.isDamaged()).isTrue();
            assertThat(ledger.getDamage().getLine()).isEqualTo(6);
            assertThat(ledger.getDamage().getSequence()).isEqualTo(6);
            assertThat(ledger.getDamage().getProblem()).contains("edited");
            Map<String, Object> state = ledger.view().state();
            assertThat(integrity(state)).containsEntry("intact", false).containsEntry("line", 6L);
            assertRefusesToRecord(ledger, 6, 6);
            assertThat(ledger.verify().getLine()).isEqualTo(6);
        }
        assertThat(Files.readAllBytes(checkpoint)).isEqualTo(checkpointBefore);
    }

    @Test
    void shouldServeTheEventsBeforeAnEditAfterTheCheckpoint() throws IOException {
        Path saved = directory.resolve("saved");
        Files.copy(checkpoint, saved);
        try (Ledger ledger = Ledger.open(root, "shop")) {
            new LedgerFixture(ledger).at(40).deploy("staging", "d9", "1.6.0", "c160");
            new LedgerFixture(ledger).at(41).check("staging", "1.6.0", true);
        }
        Files.move(saved, checkpoint, StandardCopyOption.REPLACE_EXISTING);
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).hasSize(19);
        lines.set(17, lines.get(17).replace("\"version\":\"1.6.0\"", "\"version\":\"6.6.6\""));
        Files.writeString(journal, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        try (Ledger ledger = Ledger.open(root, "shop", new Messages())) {
            assertThat(ledger.isDamaged()).isTrue();
            assertThat(ledger.getDamage().getLine()).isEqualTo(18);
            assertThat(ledger.getDamage().getSequence()).isEqualTo(18);
            Map<String, Object> state = ledger.view().state();
            assertThat(state).containsEntry("events", 17L);
            assertThat(integrity(state)).containsEntry("intact", false).containsEntry("line", 18L)
                    .containsEntry("seq", 18L);
            assertRefusesToRecord(ledger, 18, 18);
        }
    }

    @Test
    void shouldReportAnEditWithoutACheckpointAndServeTheEventsBeforeIt() throws IOException {
        Files.delete(checkpoint);
        List<String> lines = Files.readAllLines(journal);
        lines.set(5, lines.get(5).replace("\"id\":\"alice\"", "\"id\":\"mallory\""));
        Files.writeString(journal, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        try (Ledger ledger = Ledger.open(root, "shop", new Messages())) {
            assertThat(ledger.getDamage().getLine()).isEqualTo(6);
            assertThat(ledger.view().state()).containsEntry("events", 5L);
            assertThat(ledger.view().history(null, 0, 20)).containsEntry("total", 5);
            assertRefusesToRecord(ledger, 6, 6);
        }
        assertThat(checkpoint).as("no checkpoint of a damaged journal").doesNotExist();
    }

    @Test
    void shouldTurnDamagedWhenAnotherProcessDamagesTheJournalWhileItIsOpen() throws IOException {
        try (Ledger ledger = Ledger.open(root, "shop", new Messages())) {
            assertThat(ledger.isDamaged()).isFalse();
            assertThat(integrity(ledger.view().state())).isEqualTo(Map.of("intact", true));
            Files.writeString(journal, "deployed 2.0 by hand\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            Map<String, Object> state = ledger.view().state();
            assertThat(state).containsEntry("events", 16L);
            assertThat(integrity(state)).containsEntry("intact", false).containsEntry("line", 17L);
            assertThat(ledger.isDamaged()).isTrue();
            assertRefusesToRecord(ledger, 17, 17);
        }
    }

    @Test
    void shouldReportAJournalThatDamagesDuringAnAppend() throws IOException {
        try (Ledger ledger = Ledger.open(root, "shop", new Messages())) {
            Files.writeString(journal, "deployed 2.0 by hand\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            assertThatThrownBy(() -> new LedgerFixture(ledger).deploy("staging", "d9", "1.6.0", "c160"))
                    .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("line 17");
            assertThat(ledger.isDamaged()).isTrue();
            assertThat(integrity(ledger.view().state())).containsEntry("intact", false);
        }
    }

    @Test
    void shouldStayIntactAndRecordWhenNothingIsWrong() {
        try (Ledger ledger = Ledger.open(root, "shop", new Messages())) {
            assertThat(ledger.isDamaged()).isFalse();
            assertThat(ledger.getDamage()).isNull();
            assertThat(ledger.verify().isIntact()).isTrue();
            assertThat(ledger.lock("staging", "1.6.0", null, ALICE, BUILD_212).isAcquired()).isTrue();
        }
    }

    private void assertRefusesToRecord(final Ledger ledger, final long line, final long sequence) throws IOException {
        byte[] before = Files.readAllBytes(journal);
        assertThatThrownBy(() -> new LedgerFixture(ledger).deploy("staging", "d9", "1.7.0", "c170"))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining(journal.toString())
                .hasMessageContaining("line " + line + " (sequence " + sequence + ")")
                .hasMessageContaining("release-ledger verify").hasMessageContaining("backup");
        assertThatThrownBy(() -> ledger.lock("staging", "1.7.0", null, ALICE, BUILD_212))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("damaged at line " + line);
        assertThatThrownBy(() -> ledger.unlock("staging", "some-lock", ALICE, BUILD_212))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("damaged at line " + line);
        assertThat(Files.readAllBytes(journal)).isEqualTo(before);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> integrity(final Map<String, Object> state) {
        return (Map<String, Object>) state.get("integrity");
    }
}
