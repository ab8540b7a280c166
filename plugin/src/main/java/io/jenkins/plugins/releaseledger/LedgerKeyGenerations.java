package io.jenkins.plugins.releaseledger;

import io.releaseledger.ReleaseLedgerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the controller's ledger keys seals and which were declared lost, in {@code secrets/} beside them: a
 * {@code ConfidentialKey} cannot be replaced in place (its value is generated once and cached), so a rotation adds a
 * key under a new id, generation 2, 3…, and the earlier ones keep verifying what they sealed. Immutable.
 */
final class LedgerKeyGenerations {
    static final String FILE = "io.jenkins.plugins.releaseledger.ledger-key-generations.txt";

    private final int generation;
    private final List<String> lost;

    private LedgerKeyGenerations(final int generation, final List<String> lost) {
        this.generation = generation;
        this.lost = List.copyOf(lost);
    }

    /** What {@code secrets/} of {@code jenkinsHome} says; generation 1 and no lost key when nothing was changed yet. */
    static LedgerKeyGenerations read(final Path jenkinsHome) {
        String text;
        try {
            text = Files.readString(file(jenkinsHome), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new LedgerKeyGenerations(1, List.of());
        } catch (IOException e) {
            throw new ReleaseLedgerException("Cannot read " + file(jenkinsHome) + " (" + e.getMessage() + ").", e);
        }
        int generation = 1;
        List<String> lost = new ArrayList<>();
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.matches("generation [1-9][0-9]{0,5}")) {
                generation = Integer.parseInt(line.substring("generation ".length()));
            } else if (line.matches("lost [0-9a-f]{16}")) {
                lost.add(line.substring("lost ".length()));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                throw new ReleaseLedgerException(file(jenkinsHome) + " holds a line that is neither \"generation N\" "
                        + "nor \"lost <key id>\": restore it from the backup of secrets/.");
            }
        }
        return new LedgerKeyGenerations(generation, lost);
    }

    int getGeneration() {
        return generation;
    }

    List<String> getLost() {
        return lost;
    }

    LedgerKeyGenerations rotated() {
        return new LedgerKeyGenerations(generation + 1, lost);
    }

    LedgerKeyGenerations withLost(final String keyId) {
        List<String> all = new ArrayList<>(lost);
        if (!all.contains(keyId)) {
            all.add(keyId);
        }
        return new LedgerKeyGenerations(generation, all);
    }

    /** Replaces the file atomically (mode 0600), so that a crash leaves the old or the new one. */
    void write(final Path jenkinsHome) {
        Path file = file(jenkinsHome);
        StringBuilder text = new StringBuilder("# Release Ledger: the controller's ledger key generation and the keys "
                + "declared lost (Manage Jenkins » Release Ledger key).\ngeneration " + generation + "\n");
        lost.forEach(id -> text.append("lost ").append(id).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".ledger-key-generations-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new ReleaseLedgerException("Cannot write " + file + " (" + e.getMessage() + "); nothing was changed.",
                    e);
        }
    }

    private static Path file(final Path jenkinsHome) {
        return jenkinsHome.resolve("secrets").resolve(FILE);
    }
}
