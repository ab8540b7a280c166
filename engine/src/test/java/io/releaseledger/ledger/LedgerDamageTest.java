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
    void shouldReportATruncationBehindTheCheckpointInsteadOfRebuilding() throws IOException {
        List<String> lines = Files.readAllLines(journal);
        Files.writeString(journal, String.join("\n", lines.subList(0, 10)) + "\n", StandardCharsets.UTF_8);
        byte[] journalBefore = Files.readAllBytes(journal);
        byte[] checkpointBefore = Files.readAllBytes(checkpoint);
        Messages notes = new Messages();

        try (Ledger ledger = Ledger.open(root, "shop", notes)) {
            assertThat(ledger.isDamaged()).isTrue();
            Verification damage = ledger.getDamage();
            assertThat(damage.getLine()).isEqualTo(11);
            assertThat(damage.getSequence()).isEqualTo(11);
            assertThat(damage.getProblem()).contains("truncated").contains("checkpoint");

            Map<String, Object> state = ledger.view().state();
            assertThat(state).containsEntry("events", 16L);
            assertThat(integrity(state)).containsEntry("intact", false).containsEntry("line", 11L)
                    .containsEntry("seq", 11L).containsKey("problem");
            assertThat(ledger.view().history("production", 0, 20)).isEqualTo(productionHistory);

            assertRefusesToRecord(ledger, 11, 11);
            Verification verification = ledger.verify();
            assertThat(verification.isIntact()).isFalse();
            assertThat(verification.getLine()).isEqualTo(11);
            assertThat(verification.getProblem()).contains("truncated");
        }
        assertThat(notes.getAll()).extracting(Message::getLevel).containsExactly(Message.Level.ERROR);
        assertThat(notes.getAll().get(0).getText()).contains(journal.toString()).contains("line 11")
                .doesNotContain("rebuilt");
        assertThat(Files.readAllBytes(journal)).as("the journal is left as it is").isEqualTo(journalBefore);
        assertThat(Files.readAllBytes(checkpoint)).as("the checkpoint is not rewritten").isEqualTo(checkpointBefore);
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
