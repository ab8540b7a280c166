package io.releaseledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The high-water mark kept outside the ledger: a journal and checkpoint both replaced by an older genuine copy (every
 * seal verifies) are found by every reader and writer; an operator can accept such a restore on purpose, and forget a
 * ledger deleted on purpose so that a new one starts at its path.
 */
class LedgerHighWaterMarkTest {
    private static final LedgerKey KEY = LedgerKey.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

    @TempDir
    Path temp;

    private LedgerKeys keys() {
        return LedgerKeys.of(KEY).withSealedLedgers(SealedLedgerList.at(temp.resolve("keys").resolve("ledger.key.sealed")));
    }

    private Path root() {
        return temp.resolve("ledgers");
    }

    @Test
    void shouldFindAJournalAndCheckpointReplacedByAnOlderGenuineCopy() throws IOException {
        Path directory = writeSixteenEventsWithACheckpoint();
        Path backup = copy(directory, temp.resolve("backup"));
        try (Ledger ledger = Ledger.open(root(), "shop", new Messages(), keys())) {
            new LedgerFixture(ledger).tag("2.0.0", "1.5.1", "c200");
        }

        copy(backup, directory); // the older, genuine journal and checkpoint

        try (Ledger unmarked = Ledger.openForReading(root(), "shop", new Messages(), LedgerKeys.of(KEY))) {
            assertThat(unmarked.verify().isIntact()).as("every seal of the older copy verifies").isTrue();
        }
        for (boolean reading : new boolean[] {true, false}) {
            Messages notes = new Messages();
            try (Ledger ledger = reading ? Ledger.openForReading(root(), "shop", notes, keys())
                    : Ledger.open(root(), "shop", notes, keys())) {
                assertThat(ledger.isDamaged()).as(reading ? "reader" : "writer").isTrue();
                assertThat(ledger.getDamage().getProblem()).contains("had recorded 17 events")
                        .contains("high-water mark").contains("key forget --accept-restore");
                assertThat(ledger.verify().isIntact()).isFalse();
                assertThat(ledger.view().integrity()).containsEntry("intact", false);
                assertThatThrownBy(() -> new LedgerFixture(ledger).tag("2.0.1", "1.5.1", "c201"))
                        .isInstanceOf(ReleaseLedgerException.class);
            }
        }
    }

    @Test
    void shouldFindAJournalReplacedByAnotherGenuineLedgerOfTheSameApplication() throws IOException {
        Path directory = writeSixteenEventsWithACheckpoint();
        LedgerKeys otherList = LedgerKeys.of(KEY).withSealedLedgers(SealedLedgerList.at(temp.resolve("other.sealed")));
        try (Ledger other = Ledger.open(temp.resolve("elsewhere"), "shop", new Messages(), otherList)) {
            new LedgerFixture(other).tag("0.9.0", null, "c090");
            LedgerViewTest.release(other);
        }
        Files.delete(directory.resolve(Checkpoint.FILE));
        Files.copy(temp.resolve("elsewhere/shop").resolve(Ledger.JOURNAL_FILE), directory.resolve(Ledger.JOURNAL_FILE),
                StandardCopyOption.REPLACE_EXISTING);

        try (Ledger ledger = Ledger.openForReading(root(), "shop", new Messages(), keys())) {
            assertThat(ledger.isDamaged()).isTrue();
            assertThat(ledger.getDamage().getProblem()).contains("is not the event 16 this ledger recorded");
        }
    }

    @Test
    void shouldKeepTheMarkAtTheLastEventOfEveryWriter() throws IOException {
        Path directory = writeSixteenEventsWithACheckpoint();
        HighWaterMark mark = keys().getSealedLedgers().mark(directory.toRealPath());
        List<String> lines = Files.readAllLines(directory.resolve(Ledger.JOURNAL_FILE));

        assertThat(mark.sequence).isEqualTo(lines.size()).isEqualTo(16);
        assertThat(mark.hash).isEqualTo(LedgerEvent.fromLine(lines.get(15)).getHash());
        assertThat(Files.readString(keys().getSealedLedgers().getFile())).isEqualTo(directory.toRealPath() + "\n");
    }

    @Test
    void shouldAcceptARestoreOnPurposeAndRecordAgain() throws IOException {
        Path directory = writeSixteenEventsWithACheckpoint();
        Path backup = copy(directory, temp.resolve("backup"));
        try (Ledger ledger = Ledger.open(root(), "shop", new Messages(), keys())) {
            new LedgerFixture(ledger).tag("2.0.0", "1.5.1", "c200");
        }
        copy(backup, directory);

        Messages messages = new Messages();
        Verification accepted = new SealedLedgers(keys(), messages).acceptRestore(directory);

        assertThat(accepted.getEvents()).isEqualTo(16);
        assertThat(messages.getAll()).singleElement().asString().contains("now event 16");
        try (Ledger ledger = Ledger.open(root(), "shop", new Messages(), keys())) {
            assertThat(ledger.isDamaged()).isFalse();
            new LedgerFixture(ledger).tag("2.0.0", "1.5.1", "c200");
            assertThat(ledger.verify().isIntact()).isTrue();
        }
        assertThat(keys().getSealedLedgers().mark(directory.toRealPath()).sequence).isEqualTo(17);
    }

    @Test
    void shouldRefuseToAcceptADamagedJournalAndChangeNothing() throws IOException {
        Path directory = writeSixteenEventsWithACheckpoint();
        Path journal = directory.resolve(Ledger.JOURNAL_FILE);
        Files.writeString(journal, Files.readString(journal).replace("\"c150\"", "\"c999\""));

        assertThatThrownBy(() -> new SealedLedgers(keys(), new Messages()).acceptRestore(directory))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("cannot be accepted")
                .hasMessageContaining("nothing was changed");
        assertThat(keys().getSealedLedgers().mark(directory.toRealPath()).sequence).isEqualTo(16);
    }

    @Test
    void shouldLetANewLedgerStartWhereADeletedOneWasOnlyAfterItIsForgotten() throws IOException {
        Path directory = writeSixteenEventsWithACheckpoint();
        deleteTree(directory);

        try (Ledger fresh = Ledger.open(root(), "shop", new Messages(), keys())) {
            assertThat(fresh.isDamaged()).isTrue();
            assertThat(fresh.getDamage().getProblem()).contains("release-ledger key forget " + directory.toRealPath());
        }
        Messages messages = new Messages();
        new SealedLedgers(keys(), messages).forget(directory);

        assertThat(messages.getAll()).singleElement().asString().contains("Forgot the ledger");
        try (Ledger fresh = Ledger.open(root(), "shop", new Messages(), keys())) {
            assertThat(fresh.isDamaged()).isFalse();
            new LedgerFixture(fresh).tag("1.0.0", null, "c100");
        }
        assertThat(keys().getSealedLedgers().mark(directory.toRealPath()).sequence).isEqualTo(1);
    }

    @Test
    void shouldRefuseToForgetALedgerThatHoldsEvents() throws IOException {
        Path directory = writeSixteenEventsWithACheckpoint();

        assertThatThrownBy(() -> new SealedLedgers(keys(), new Messages()).forget(directory))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("holds 16 events")
                .hasMessageContaining("nothing was changed");
        assertThat(keys().getSealedLedgers().mark(directory.toRealPath())).isNotNull();
        assertThat(Files.readString(keys().getSealedLedgers().getFile())).contains(directory.toRealPath().toString());
    }

    private Path writeSixteenEventsWithACheckpoint() {
        try (Ledger ledger = Ledger.open(root(), "shop", new Messages(), keys()).setCheckpointInterval(5)) {
            LedgerViewTest.release(ledger);
            assertThat(ledger.getDirectory().resolve(Checkpoint.FILE)).exists();
            return ledger.getDirectory();
        }
    }

    private static Path copy(final Path from, final Path to) throws IOException {
        Files.createDirectories(to);
        for (String name : new String[] {Ledger.JOURNAL_FILE, Checkpoint.FILE}) {
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }

    private static void deleteTree(final Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
