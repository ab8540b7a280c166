package io.releaseledger.ledger;

import static io.releaseledger.ledger.JournalFixtures.APPLICATION;
import static io.releaseledger.ledger.JournalFixtures.bytes;
import static io.releaseledger.ledger.JournalFixtures.deployment;
import static io.releaseledger.ledger.JournalFixtures.journalFile;
import static io.releaseledger.ledger.JournalFixtures.lines;
import static io.releaseledger.ledger.JournalFixtures.openAll;
import static io.releaseledger.ledger.JournalFixtures.readAll;
import static io.releaseledger.ledger.JournalFixtures.tornFiles;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash leftovers and bad input: torn lines, foreign files, an unusable directory. */
class JournalRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void shouldSetAsideATornLastLineAndKeepEveryCompleteEvent() throws IOException {
        JournalFixtures.write(dir, 5);
        byte[] complete = bytes(journalFile(dir));
        String fragment = "{\"schema\":1,\"seq\":6,\"type\":\"deployment.succeeded\",\"at\":\"2026-";
        Files.writeString(journalFile(dir), fragment, StandardOpenOption.APPEND);

        Messages notes = new Messages();
        List<LedgerEvent> events = new ArrayList<>();
        try (Journal journal = openAll(dir, events, notes)) {
            assertThat(events).hasSize(5);
            assertThat(journal.verify().isIntact()).isTrue();
            assertThat(journal.append(deployment("staging", "1.0.6"), null).getSequence()).isEqualTo(6);
        }

        assertThat(tornFiles(dir)).hasSize(1);
        assertThat(Files.readString(tornFiles(dir).get(0))).isEqualTo(fragment);
        assertThat(notes.getAll()).extracting(Message::getText).singleElement().asString()
                .contains("incomplete event").contains(tornFiles(dir).get(0).getFileName().toString());
        assertThat(bytes(journalFile(dir))).startsWith(complete);
        assertThat(readAll(dir)).hasSize(6);
    }

    @Test
    void shouldSetAsideALastLineOfZerosOrInvalidJson() throws IOException {
        JournalFixtures.write(dir, 3);
        Files.write(journalFile(dir), new byte[300], StandardOpenOption.APPEND);
        assertThat(readAll(dir)).hasSize(3);

        String invalid = "{\"schema\":1,\"seq\":4,\"type\":\"dep";
        Files.writeString(journalFile(dir), invalid + "\n", StandardOpenOption.APPEND);
        assertThat(readAll(dir)).hasSize(3);
        assertThat(tornFiles(dir)).hasSize(2);
        assertThat(Files.size(tornFiles(dir).get(0)) + Files.size(tornFiles(dir).get(1))).isEqualTo(300 + invalid.length());
        assertThat(lines(dir)).hasSize(3);
    }

    @Test
    void shouldSetAsideATornLineLeftByAnotherProcessWhileThisOneIsOpen() throws IOException {
        JournalFixtures.write(dir, 2);
        Messages notes = new Messages();
        try (Journal journal = openAll(dir, new ArrayList<>(), notes)) {
            Files.writeString(journalFile(dir), "{\"schema\":1,\"seq\":3,\"ty", StandardOpenOption.APPEND);
            assertThat(journal.append(deployment("staging", "1.0.3"), null).getSequence()).isEqualTo(3);
            assertThat(journal.verify().isIntact()).isTrue();
        }
        assertThat(notes.getAll()).hasSize(1);
        assertThat(tornFiles(dir)).hasSize(1);
    }

    @Test
    void shouldRefuseAForeignJournalWithoutChangingIt() throws IOException {
        byte[] foreign = "hello, this is not a ledger\nsecond line without end".getBytes(StandardCharsets.UTF_8);
        Files.write(journalFile(dir), foreign);

        try (Journal journal = Journal.open(dir, APPLICATION, event -> { }, new Messages())) {
            journal.seek(0, 0, Journal.ZERO_HASH);
            assertThatThrownBy(journal::catchUp).isInstanceOf(ReleaseLedgerException.class)
                    .hasMessageContaining(journalFile(dir).toString()).hasMessageContaining("line 1 (sequence 1)")
                    .hasMessageContaining("not a ledger event");
            assertThatThrownBy(() -> journal.append(deployment("staging", "1.0.0"), null))
                    .hasMessageContaining("damaged at line 1");
            assertThat(journal.verify().getLine()).isEqualTo(1);
        }
        assertThat(bytes(journalFile(dir))).isEqualTo(foreign);
        assertThat(tornFiles(dir)).isEmpty();
    }

    @Test
    void shouldNotCutAForeignLastLineThatLooksLikeJson() throws IOException {
        JournalFixtures.write(dir, 2);
        Files.writeString(journalFile(dir), "{\"foo\": 1}", StandardOpenOption.APPEND);
        byte[] before = bytes(journalFile(dir));

        try (Journal journal = Journal.open(dir, APPLICATION, event -> { }, new Messages())) {
            journal.seek(0, 0, Journal.ZERO_HASH);
            assertThatThrownBy(journal::catchUp).hasMessageContaining("line 3 (sequence 3)")
                    .hasMessageContaining("no newline");
        }
        assertThat(bytes(journalFile(dir))).isEqualTo(before);
    }

    @Test
    void shouldRefuseAnotherApplicationsJournal() {
        JournalFixtures.write(dir, 1);

        try (Journal journal = Journal.open(dir, "billing", event -> { }, new Messages())) {
            journal.seek(0, 0, Journal.ZERO_HASH);
            assertThatThrownBy(journal::catchUp).hasMessageContaining("belongs to application 'shop', not 'billing'");
        }
    }

    @Test
    void shouldIgnoreUnrelatedFilesInTheDirectory() throws IOException {
        JournalFixtures.write(dir, 2);
        Files.writeString(dir.resolve("README.txt"), "notes");
        Files.write(dir.resolve("checkpoint.json.tmp"), new byte[] {1, 2, 3});
        Files.createDirectories(dir.resolve("backup"));

        assertThat(readAll(dir)).hasSize(2);
    }

    @Test
    void shouldExplainADirectoryThatIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("ledger"), "x");

        assertThatThrownBy(() -> Journal.open(file, APPLICATION, event -> { }, new Messages()))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("not a directory");
    }

    @Test
    void shouldExplainADirectoryWhereNothingMayBeCreated() throws Exception {
        Path locked = Files.createDirectories(dir.resolve("immutable"));
        // chmod does not stop root; the immutable attribute does.
        org.junit.jupiter.api.Assumptions.assumeTrue(run("chattr", "+i", locked.toString()) == 0,
                "chattr +i is not available here, so a directory root cannot write into cannot be made");
        try {
            assertThatThrownBy(() -> Journal.open(locked, APPLICATION, event -> { }, new Messages()))
                    .isInstanceOf(ReleaseLedgerException.class)
                    .hasMessageContaining("Cannot open the ledger journal " + locked.resolve("events.jsonl"))
                    .hasMessageContaining("needs read and write access");
        } finally {
            run("chattr", "-i", locked.toString());
        }
    }

    @Test
    void shouldExplainAnUnreadableDirectoryAndLoseNothing() throws Exception {
        JournalFixtures.write(dir, 3);
        Path ledger = dir;
        List<String> command = new ArrayList<>();
        boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream()
                .readAllBytes(), StandardCharsets.US_ASCII).trim());
        if (root) {
            // Root bypasses chmod 000; run the probe without the capabilities that allow it.
            org.junit.jupiter.api.Assumptions.assumeTrue(run("capsh", "--print") == 0,
                    "capsh is missing, so the test cannot drop root's right to read any directory");
            command.addAll(List.of("capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c",
                    "exec \"$0\" \"$@\""));
        }
        command.addAll(JournalFixtures.javaCommand(JournalProbeMain.class, ledger.toString()));
        Files.setPosixFilePermissions(ledger, java.util.Set.of());
        String output;
        int exit;
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exit = probe.waitFor();
        } finally {
            Files.setPosixFilePermissions(ledger, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }

        assertThat(exit).as(output).isEqualTo(1);
        assertThat(output).contains("error: Cannot open the ledger journal " + ledger.resolve("events.jsonl"))
                .contains("permission denied");
        assertThat(readAll(dir)).hasSize(3);
    }

    @Test
    void shouldReportAFullDiskAndKeepWhatWasRecorded() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tiny"));
        org.junit.jupiter.api.Assumptions.assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()) == 0,
                "cannot mount a 64 KiB tmpfs (needs root), so a full disk cannot be simulated");
        try {
            Path ledger = mount.resolve("shop");
            Path filler = Files.createDirectories(ledger).resolve("filler");
            Files.write(filler, new byte[16 * 1024]);
            List<LedgerEvent> recorded = new ArrayList<>();
            ReleaseLedgerException full = null;
            try (Journal journal = openAll(ledger, new ArrayList<>(), new Messages())) {
                for (int i = 0; i < 1000 && full == null; i++) {
                    try {
                        recorded.add(journal.append(deployment("staging", "1.0." + i)
                                .setData(Map.of("version", "1.0." + i, "padding", "p".repeat(1500))), null));
                    } catch (ReleaseLedgerException e) {
                        full = e;
                    }
                }
                assertThat(full).isNotNull();
                assertThat(full.getMessage()).contains("disk is full").contains("Nothing was recorded");
                assertThat(recorded).isNotEmpty();
                assertThat(journal.verify().isIntact()).isTrue();

                Files.delete(filler);
                assertThat(journal.append(deployment("staging", "2.0.0"), null).getSequence())
                        .isEqualTo(recorded.size() + 1);
            }
            assertThat(readAll(ledger)).hasSize(recorded.size() + 1);
            assertThat(tornFiles(ledger)).isEmpty();
        } finally {
            run("umount", mount.toString());
        }
    }

    private static int run(final String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
