package io.releaseledger.ledger;

import io.releaseledger.report.Messages;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A writer process for the crash and concurrency tests: {@code DIR WRITER THREADS COUNT} appends COUNT events
 * per thread (forever when negative), each with a unique {@code id}, and prints {@code acked <seq> <id>}
 * after each append returned. Even threads share one journal, odd threads open their own (same JVM, same
 * directory: the in-JVM lock must serialise them). With a fifth argument, a list of sealed ledgers, every event is
 * sealed with {@link #KEY} and moves the ledger's high-water mark in that list.
 */
final class JournalWriterMain {
    static final LedgerKey KEY = LedgerKey.of("journal-writer-main-test-key".getBytes(StandardCharsets.US_ASCII));

    private JournalWriterMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        String writer = args[1];
        int threads = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        LedgerKeys keys = args.length > 4 ? LedgerKeys.of(KEY).withSealedLedgers(SealedLedgerList.at(Path.of(args[4])))
                : LedgerKeys.none();
        Journal shared = open(dir, keys);
        List<Thread> workers = new ArrayList<>();
        int[] failures = new int[1];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                Journal journal = thread % 2 == 0 ? shared : open(dir, keys);
                try {
                    for (int n = 0; count < 0 || n < count; n++) {
                        int i = n;
                        String id = writer + "-" + thread + "-" + i;
                        EventDraft draft = new EventDraft(EventTypes.CHECK_RECORDED, JournalFixtures.ALICE,
                                Origin.cli("ci", "host-" + writer)).setEnvironment("env-" + thread % 3);
                        LedgerEvent event = journal.append(draft, () -> {
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("id", id);
                            data.put("expectedSeq", journal.getLastSequence() + 1);
                            data.put("passed", i % 2 == 0);
                            data.put("detail", "r\u00e9sultat \u2713 " + "x".repeat(i % 40));
                            draft.setData(data);
                        });
                        synchronized (out) {
                            out.println("acked " + event.getSequence() + " " + id);
                            out.flush();
                        }
                    }
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures[0]++;
                    }
                    e.printStackTrace();
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        out.flush();
        System.exit(failures[0] == 0 ? 0 : 2);
    }

    private static Journal open(final Path dir, final LedgerKeys keys) {
        Journal journal = Journal.open(dir, JournalFixtures.APPLICATION, event -> { }, new Messages(), false, keys);
        journal.seek(0, 0, Journal.ZERO_HASH);
        journal.catchUp();
        return journal;
    }
}
