package io.releaseledger.ledger;

import static io.releaseledger.ledger.JournalFixtures.bytes;
import static io.releaseledger.ledger.JournalFixtures.deployment;
import static io.releaseledger.ledger.JournalFixtures.journalFile;
import static io.releaseledger.ledger.JournalFixtures.lines;
import static io.releaseledger.ledger.JournalFixtures.openAll;
import static io.releaseledger.ledger.JournalFixtures.sha256;
import static io.releaseledger.ledger.JournalFixtures.writeLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.report.Messages;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTamperTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeTenEvents() {
        JournalFixtures.write(dir, 10);
    }

    @Test
    void shouldReportAnEditedLine() {
        tamper(lines -> {
            lines.set(3, lines.get(3).replace("\"version\":\"1.0.4\"", "\"version\":\"6.6.6\""));
            return lines;
        });

        assertBrokenAt(4, 4, "does not match its hash");
    }

    @Test
    void shouldReportAnEditedLineWhoseHashWasRecomputedAtTheNextLine() {
        tamper(lines -> {
            String edited = lines.get(3).replace("\"version\":\"1.0.4\"", "\"version\":\"6.6.6\"");
            String canonical = edited.substring(0, edited.length() - JournalHashing.SUFFIX_LENGTH) + "}";
            lines.set(3, canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + sha256(canonical)
                    + "\"}");
            return lines;
        });

        assertBrokenAt(5, 5, "does not chain");
    }

    @Test
    void shouldReportADeletedLine() {
        tamper(lines -> {
            lines.remove(5);
            return lines;
        });

        assertBrokenAt(6, 7, "sequence 7 where 6 was expected");
    }

    @Test
    void shouldReportTwoReorderedLines() {
        tamper(lines -> {
            Collections.swap(lines, 2, 3);
            return lines;
        });

        assertBrokenAt(3, 4, "sequence 4 where 3 was expected");
    }

    @Test
    void shouldReportADuplicatedLine() {
        tamper(lines -> {
            lines.add(7, lines.get(6));
            return lines;
        });

        assertBrokenAt(8, 7, "sequence 7 where 8 was expected");
    }

    @Test
    void shouldReportBytesCutOutOfTheMiddle() {
        tamper(lines -> {
            String joined = lines.get(4).substring(0, 50) + lines.get(6).substring(80);
            List<String> cut = new ArrayList<>(lines.subList(0, 4));
            cut.add(joined);
            cut.addAll(lines.subList(7, 10));
            return cut;
        });

        assertBrokenAt(5, 5, "not a ledger event");
    }

    @Test
    void shouldReportAForeignFileAtItsFirstLine() {
        tamper(lines -> List.of("# my notes", "deploy 1.0 to prod on monday"));

        assertBrokenAt(1, 1, "not a ledger event");
    }

    @Test
    void shouldReportTruncationSeenByAnOpenJournal() throws IOException {
        List<LedgerEvent> events = new ArrayList<>();
        try (Journal journal = openAll(dir, events, new Messages())) {
            long endOfSeven = 0;
            for (String line : lines(dir).subList(0, 7)) {
                endOfSeven += line.length() + 1;
            }
            try (FileChannel file = FileChannel.open(journalFile(dir), StandardOpenOption.WRITE)) {
                file.truncate(endOfSeven + 40);
            }

            Verification torn = journal.verify();
            assertThat(torn.isIntact()).isFalse();
            assertThat(torn.getLine()).isEqualTo(8);
            assertThat(torn.getSequence()).isEqualTo(8);
            assertThat(torn.getProblem()).contains("incomplete");

            try (FileChannel file = FileChannel.open(journalFile(dir), StandardOpenOption.WRITE)) {
                file.truncate(endOfSeven);
            }
            Verification truncated = journal.verify();
            assertThat(truncated.toJson()).containsEntry("intact", false).containsEntry("events", 7L)
                    .containsEntry("line", 8L).containsEntry("seq", 8L);
            assertThat(truncated.getProblem()).contains("truncated");
            assertThatThrownBy(journal::catchUp).hasMessageContaining("truncated");
            assertThatThrownBy(() -> journal.append(deployment("staging", "9.9.9"), null))
                    .hasMessageContaining("truncated");

            // A checkpoint written at event 10 tells a fresh process the same.
            try (Journal fresh = Journal.open(dir, JournalFixtures.APPLICATION, event -> { }, new Messages())) {
                assertThatThrownBy(() -> fresh.seek(journal.getPosition(), 10, events.get(9).getHash()))
                        .hasMessageContaining("was truncated");
            }
        }
    }

    private void tamper(final UnaryOperator<List<String>> change) {
        writeLines(dir, change.apply(lines(dir)));
    }

    private void assertBrokenAt(final long line, final long sequence, final String problem) {
        byte[] before = bytes(journalFile(dir));
        List<LedgerEvent> events = new ArrayList<>();
        try (Journal journal = Journal.open(dir, JournalFixtures.APPLICATION, events::add, new Messages())) {
            Verification verification = journal.verify();
            assertThat(verification.isIntact()).isFalse();
            assertThat(verification.getLine()).as(verification.toString()).isEqualTo(line);
            assertThat(verification.getSequence()).as(verification.toString()).isEqualTo(sequence);
            assertThat(verification.getProblem()).contains(problem);
            assertThat(verification.toJson()).containsKeys("intact", "events", "line", "seq", "problem");

            journal.seek(0, 0, Journal.ZERO_HASH);
            assertThatThrownBy(journal::catchUp).isInstanceOf(ReleaseLedgerException.class)
                    .hasMessageContaining(journalFile(dir).toString())
                    .hasMessageContaining("line " + line + " ")
                    .hasMessageContaining("run verify")
                    .hasMessageContaining("backup");
            assertThat(events).hasSize((int) line - 1);
            assertThatThrownBy(() -> journal.append(deployment("staging", "9.9.9"), null))
                    .hasMessageContaining("damaged at line " + line);
        }
        assertThat(bytes(journalFile(dir))).as("nothing is rewritten").isEqualTo(before);
        assertThat(JournalFixtures.tornFiles(dir)).isEmpty();
    }
}
