package io.releaseledger.ledger;

import static io.releaseledger.ledger.JournalFixtures.journalFile;
import static io.releaseledger.ledger.JournalFixtures.openAll;
import static io.releaseledger.ledger.JournalFixtures.tornFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.report.Messages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process appending in a loop is killed with SIGKILL ({@code destroyForcibly} on Linux) at random
 * moments; after each kill the ledger is reopened and must hold every acknowledged event, verify intact, and
 * only grow. SIGKILL cannot tear a single {@code write} into the page cache, so every third round also leaves
 * the torn line a power loss would: a random prefix of a real next line.
 */
class JournalCrashTest {
    private static final int ROUNDS = 24;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryCompleteEventWhenTheWriterIsKilled() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        long before = 0;
        int simulatedTears = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process writer = new ProcessBuilder(JournalFixtures.javaCommand(JournalWriterMain.class,
                    dir.toString(), "w" + round, "3", "-1")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CountDownLatch first = new CountDownLatch(1);
            Thread reader = new Thread(() -> readAcknowledgements(writer, acknowledged, first));
            reader.start();
            assertThat(first.await(30, TimeUnit.SECONDS)).as("writer started (seed %d)", seed).isTrue();
            Thread.sleep(random.nextInt(120));
            writer.destroyForcibly();
            assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join();

            boolean tear = round % 3 == 2;
            if (tear) {
                simulatedTears++;
                tearNextLine(random);
            }

            Messages notes = new Messages();
            List<LedgerEvent> events = new ArrayList<>();
            try (Journal journal = openAll(dir, events, notes)) {
                assertThat(journal.verify().isIntact()).as("round %d, seed %d", round, seed).isTrue();
                assertThat(journal.getPosition()).isEqualTo(Files.size(journalFile(dir)));
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                LedgerEvent event = events.get(i);
                assertThat(event.getSequence()).isEqualTo(i + 1);
                assertThat(ids.add((String) event.getData().get("id"))).as("no duplicate").isTrue();
                assertThat(event.getData().get("expectedSeq")).isEqualTo(event.getSequence());
            }
            assertThat(ids).as("every acknowledged event survives (round %d, seed %d)", round, seed)
                    .containsAll(acknowledged);
            assertThat((long) events.size()).isGreaterThan(before);
            if (tear) {
                assertThat(notes.getAll()).as("the torn line was set aside").isNotEmpty();
            }
            before = events.size();
        }
        assertThat(tornFiles(dir)).hasSizeGreaterThanOrEqualTo(simulatedTears);
        for (Path torn : tornFiles(dir)) {
            assertThat(Files.readString(torn, StandardCharsets.ISO_8859_1)).doesNotContain("\n");
        }
    }

    private static void readAcknowledgements(final Process writer, final Set<String> acknowledged,
            final CountDownLatch first) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && "acked".equals(parts[0])) {
                    acknowledged.add(parts[2]);
                    first.countDown();
                }
            }
        } catch (IOException e) {
            // the writer was killed
        }
    }

    /** Appends a random prefix of the line a next append would write, as a crash mid-write leaves it. */
    private void tearNextLine(final Random random) throws IOException {
        List<String> lines = Files.readAllLines(journalFile(dir), StandardCharsets.US_ASCII);
        String last = lines.get(lines.size() - 1);
        int cut = 1 + random.nextInt(last.length() - 1);
        Files.writeString(journalFile(dir), last.substring(0, cut), StandardCharsets.US_ASCII,
                StandardOpenOption.APPEND);
    }
}
