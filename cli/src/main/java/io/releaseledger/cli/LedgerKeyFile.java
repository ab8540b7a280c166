package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.SecretFile;
import io.releaseledger.ledger.LedgerKey;
import io.releaseledger.ledger.LedgerKeys;
import io.releaseledger.ledger.SealedLedgerList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The CLI's ledger key file: outside the ledger directory, mode 0600, one {@code key <base64 of 32 bytes>} line per key
 * (the last one seals, earlier ones verify what they sealed) and {@code lost <key id>} lines for keys declared lost.
 * Created by the first command that records; never printed (only key ids are). Beside it, {@code <file>.sealed} lists
 * the ledgers sealed with its keys ({@link SealedLedgerList}).
 */
final class LedgerKeyFile {
    static final String FILE_VARIABLE = "RELEASE_LEDGER_KEY_FILE";
    private static final int KEY_BYTES = 32;
    private static final String HEADER = """
            # Release Ledger ledger keys: keep this file secret (mode 0600) and outside the ledger directory.
            # The last "key" line seals new events; earlier ones verify the events they sealed. "lost <key id>"
            # declares a key lost (see docs/security.md, "Ledger integrity"). Never edit a key line.
            """;

    private final Path file;
    private final boolean given;

    private LedgerKeyFile(final Path file, final boolean given) {
        this.file = file;
        this.given = given;
    }

    /**
     * The key file: {@code option}, else {@code $RELEASE_LEDGER_KEY_FILE}, else {@code ledger.key} in
     * {@code $XDG_CONFIG_HOME/release-ledger} or {@code ~/.config/release-ledger}.
     */
    static LedgerKeyFile locate(final Path option, final java.util.Map<String, String> environment) {
        if (option != null) {
            return new LedgerKeyFile(option.toAbsolutePath().normalize(), true);
        }
        String variable = environment.get(FILE_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return new LedgerKeyFile(Path.of(variable).toAbsolutePath().normalize(), true);
        }
        String config = environment.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
        return new LedgerKeyFile(base.resolve("release-ledger").resolve("ledger.key").toAbsolutePath().normalize(),
                false);
    }

    Path getFile() {
        return file;
    }

    /**
     * The keys for reading: none when the default file does not exist (a ledger sealed with a key then reads as not
     * authenticated); a key file given but missing is an error.
     */
    LedgerKeys forReading(final Path ledgerRoot) {
        requireOutside(ledgerRoot);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !given) {
            return LedgerKeys.none();
        }
        return read();
    }

    /** The keys for recording: the file is created with a new key when it does not exist yet. */
    LedgerKeys forWriting(final Path ledgerRoot) {
        requireOutside(ledgerRoot);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            create(List.of());
        }
        return read();
    }

    /** Adds a new key that seals from the next event on; the old ones stay to verify. Returns the new key's id. */
    String rotate(final Path ledgerRoot) {
        requireOutside(ledgerRoot);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            create(List.of());
            return read().getCurrent().getId();
        }
        List<String> lines = lines();
        create(lines);
        return read().getCurrent().getId();
    }

    /** Declares a key lost: its events read as not authenticated until the next event written seals them. */
    void declareLost(final String keyId, final Path ledgerRoot) {
        requireOutside(ledgerRoot);
        LedgerKeys.none().withLost(keyId); // refuses what is not a key id
        List<String> lines = new ArrayList<>(lines());
        lines.add("lost " + keyId);
        replace(String.join("\n", lines) + "\n");
    }

    private LedgerKeys read() {
        List<LedgerKey> keys = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        int number = 0;
        for (String line : lines()) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("key ")) {
                byte[] secret;
                try {
                    secret = Base64.getDecoder().decode(text.substring(4).strip());
                } catch (IllegalArgumentException e) {
                    secret = new byte[0];
                }
                if (secret.length < 16) {
                    throw problem("line " + number + " is not a key (base64 of at least 16 bytes)");
                }
                keys.add(LedgerKey.of(secret));
            } else if (text.startsWith("lost ") && text.substring(5).strip().matches("[0-9a-f]{16}")) {
                lost.add(text.substring(5).strip());
            } else {
                throw problem("line " + number + " is neither \"key …\" nor \"lost <key id>\"");
            }
        }
        if (keys.isEmpty()) {
            throw problem("it holds no key");
        }
        LedgerKeys ring = LedgerKeys.of(keys.get(keys.size() - 1));
        for (LedgerKey key : keys.subList(0, keys.size() - 1)) {
            ring = ring.withRetired(key);
        }
        for (String id : lost) {
            ring = ring.withLost(id);
        }
        return ring.withSealedLedgers(SealedLedgerList.at(file.resolveSibling(file.getFileName() + ".sealed")));
    }

    private List<String> lines() {
        String text;
        try {
            requirePrivate();
            text = SecretFile.read(file, SecretFile.MAX_BYTES);
        } catch (NoSuchFileException e) {
            throw problem("it does not exist (give an existing key file, or none to use " + defaultHint() + ")");
        } catch (IOException e) {
            throw problem("it cannot be read (" + e.getMessage() + ")");
        }
        return text.lines().toList();
    }

    /** A group- or world-readable key file could have been read by anyone on the machine: refuse it. */
    private void requirePrivate() throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: its ACLs are the operator's to set
        }
        for (PosixFilePermission permission : permissions) {
            if (!permission.name().startsWith("OWNER_")) {
                throw new ReleaseLedgerException("the ledger key file " + file + " can be accessed by other users "
                        + "(mode " + PosixFilePermissions.toString(permissions) + "); make it private with chmod 600 "
                        + file + ", and rotate the key if others may have read it.");
            }
        }
    }

    /** The key must not live where the ledger lives: whoever can write the ledger could read it there. */
    private void requireOutside(final Path ledgerRoot) {
        Path root = real(ledgerRoot.toAbsolutePath().normalize());
        Path key = real(file);
        if (key.startsWith(root)) {
            throw new ReleaseLedgerException("the ledger key file " + file + " is inside the ledger directory " + ledgerRoot
                    + ": whoever can write the ledger could read the key there. Keep it outside (--ledger-key FILE, "
                    + "$" + FILE_VARIABLE + ", default " + defaultHint() + ").");
        }
    }

    private static Path real(final Path path) {
        Path existing = path;
        Path rest = null;
        while (existing != null && !Files.exists(existing)) {
            rest = rest == null ? existing.getFileName() : existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            Path real = existing.toRealPath();
            return rest == null ? real : real.resolve(rest);
        } catch (IOException e) {
            return path;
        }
    }

    /** Writes the file anew: the lines kept plus a new key, mode 0600 from its creation on, replaced atomically. */
    private void create(final List<String> kept) {
        byte[] secret = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        StringBuilder text = new StringBuilder();
        if (kept.isEmpty()) {
            text.append(HEADER);
        } else {
            kept.forEach(line -> text.append(line).append('\n'));
        }
        text.append("key ").append(Base64.getEncoder().encodeToString(secret)).append('\n');
        if (kept.isEmpty()) {
            createOnce(text.toString());
        } else {
            replace(text.toString());
        }
    }

    /** The first key: of two processes creating it at once, one wins and the other uses its key. */
    private void createOnce(final String text) {
        Path temporary = writeTemporary(text);
        try {
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            // another process created it first: use that one
        } catch (IOException e) {
            throw problem("it cannot be created (" + e.getMessage() + ")");
        } finally {
            deleteQuietly(temporary);
        }
    }

    private void replace(final String text) {
        Path temporary = writeTemporary(text);
        try {
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw problem("it cannot be written (" + e.getMessage() + ")");
        }
    }

    private Path writeTemporary(final String text) {
        try {
            Path parent = file.getParent();
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Path temporary = Files.createTempFile(parent, ".ledger-key-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return temporary;
        } catch (IOException e) {
            throw problem("it cannot be created (" + e.getMessage() + ")");
        }
    }

    private static void deleteQuietly(final Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a temporary file with mode 0600 next to the key file; harmless
        }
    }

    private ReleaseLedgerException problem(final String why) {
        return new ReleaseLedgerException("the ledger key file " + file + ": " + why + ".");
    }

    private static String defaultHint() {
        return "~/.config/release-ledger/ledger.key";
    }
}
