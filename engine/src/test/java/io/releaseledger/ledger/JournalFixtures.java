package io.releaseledger.ledger;

import io.releaseledger.report.Messages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Shared helpers of the journal tests. */
final class JournalFixtures {
    static final String APPLICATION = "shop";
    static final Actor ALICE = new Actor("alice", "Alice Example");
    static final Origin BUILD = Origin.build("shop/main", 212, "https://ci.example/job/shop/job/main/212/", false);

    private JournalFixtures() {
    }

    static EventDraft deployment(final String environment, final String version) {
        return new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ALICE, BUILD).setEnvironment(environment)
                .setData(Map.of("deploymentId", "d-" + version, "version", version));
    }

    /** Opens the journal from its start and reads every event into {@code sink}. */
    static Journal openAll(final Path dir, final List<LedgerEvent> sink, final Messages notes) {
        Journal journal = Journal.open(dir, APPLICATION, sink::add, notes);
        journal.seek(0, 0, Journal.ZERO_HASH);
        journal.catchUp();
        return journal;
    }

    static List<LedgerEvent> readAll(final Path dir) {
        List<LedgerEvent> events = new ArrayList<>();
        try (Journal journal = openAll(dir, events, new Messages())) {
            return events;
        }
    }

    /** A ledger with {@code count} deployments of versions 1.0.1, 1.0.2, …. */
    static void write(final Path dir, final int count) {
        try (Journal journal = openAll(dir, new ArrayList<>(), new Messages())) {
            for (int i = 1; i <= count; i++) {
                journal.append(deployment("staging", "1.0." + i), null);
            }
        }
    }

    static Path journalFile(final Path dir) {
        return dir.resolve("events.jsonl");
    }

    static byte[] bytes(final Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(final Path dir) {
        try {
            return new ArrayList<>(Files.readAllLines(journalFile(dir), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeLines(final Path dir, final List<String> lines) {
        try {
            Files.writeString(journalFile(dir), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> tornFiles(final Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("events.jsonl.torn-")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 hex, computed here independently of the production code. */
    static String sha256(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A command line running {@code main} of the test sources in a new JVM. */
    static List<String> javaCommand(final Class<?> main, final String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(arguments));
        return command;
    }
}
