package io.releaseledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.report.Messages;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writer processes with four threads each append sealed events at once while this JVM follows the journal; the
 * ledger's high-water mark ends at the last event.
 */
class JournalConcurrencyTest {
    private static final int PROCESSES = 2;
    private static final int THREADS = 4;
    private static final int PER_THREAD = 400;

    @TempDir
    Path dir;

    @TempDir
    Path keyDirectory;

    private SealedLedgerList sealed() {
        return SealedLedgerList.at(keyDirectory.resolve("ledger.key.sealed"));
    }

    private LedgerKeys keys() {
        return LedgerKeys.of(JournalWriterMain.KEY).withSealedLedgers(sealed());
    }

    @Test
    void shouldRecordEveryEventExactlyOnceInOneUnbrokenChain() throws Exception {
        List<Process> writers = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            writers.add(new ProcessBuilder(JournalFixtures.javaCommand(JournalWriterMain.class, dir.toString(),
                    "p" + p, String.valueOf(THREADS), String.valueOf(PER_THREAD), sealed().getFile().toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start());
        }

        // Meanwhile this JVM reads along; the follower must see an unbroken sequence.
        AtomicLong followed = new AtomicLong();
        AtomicReference<String> followError = new AtomicReference<>();
        Thread follower = new Thread(() -> {
            try {
                Journal reading = Journal.open(dir, JournalFixtures.APPLICATION, event -> {
                    if (event.getSequence() != followed.get() + 1) {
                        followError.compareAndSet(null, "gap before " + event.getSequence());
                    }
                    followed.set(event.getSequence());
                }, new Messages(), false, keys());
                reading.seek(0, 0, Journal.ZERO_HASH);
                while (writers.stream().anyMatch(Process::isAlive)) {
                    reading.catchUp();
                    Thread.sleep(5);
                }
                reading.catchUp();
                reading.close();
            } catch (Exception e) {
                followError.compareAndSet(null, e.toString());
            }
        });
        follower.start();

        for (Process writer : writers) {
            assertThat(writer.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).as(new String(writer.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8)).isZero();
        }
        follower.join();

        int total = PROCESSES * THREADS * PER_THREAD;
        List<LedgerEvent> events = new ArrayList<>();
        try (Journal journal = Journal.open(dir, JournalFixtures.APPLICATION, events::add, new Messages(), true, keys())) {
            journal.seek(0, 0, Journal.ZERO_HASH);
            journal.catchUp();
            assertThat(journal.verify().toJson()).containsEntry("intact", true).containsEntry("events", (long) total)
                    .containsEntry("authenticated", true);
        }
        HighWaterMark mark = sealed().mark(dir.toRealPath());
        assertThat(mark.sequence).isEqualTo(total);
        assertThat(mark.hash).isEqualTo(events.get(total - 1).getHash());
        assertThat(events).hasSize(total);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < total; i++) {
            LedgerEvent event = events.get(i);
            assertThat(event.getSequence()).isEqualTo(i + 1);
            assertThat(ids.add((String) event.getData().get("id"))).isTrue();
            // The check under the lock saw every event before this one, whichever process wrote it.
            assertThat(event.getData().get("expectedSeq")).isEqualTo(event.getSequence());
        }
        Set<String> expected = new HashSet<>();
        for (int p = 0; p < PROCESSES; p++) {
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < PER_THREAD; i++) {
                    expected.add("p" + p + "-" + t + "-" + i);
                }
            }
        }
        assertThat(ids).isEqualTo(expected);
        assertThat(followError.get()).isNull();
        assertThat(followed.get()).isEqualTo(total);
    }
}
