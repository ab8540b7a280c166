package io.releaseledger.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * The list, kept beside the ledger key and outside every ledger directory, of the ledgers that were ever sealed with
 * a key: one directory per line, appended by the writer of a ledger's first sealed event. Without it a journal whose
 * seals were all removed (and re-chained with plain SHA-256) could not be told from one written before the ledger
 * had a key. Beside it, in {@code <file>.marks/}, each sealed ledger's {@link HighWaterMark}, replaced by every sealed
 * append under the ledger's write lock: a journal behind it was replaced by an older copy.
 */
public final class SealedLedgerList {
    /** Far more ledgers than one controller keeps; read no further. */
    private static final int MAX_BYTES = 16 << 20;

    private final Path file;

    private SealedLedgerList(final Path file) {
        this.file = file;
    }

    /** The list in {@code file} (created, mode 0600 where POSIX, when the first ledger is sealed). */
    public static SealedLedgerList at(final Path file) {
        return new SealedLedgerList(Objects.requireNonNull(file, "file").toAbsolutePath().normalize());
    }

    public Path getFile() {
        return file;
    }

    /** Whether the ledger in {@code directory} (its real path) was sealed. */
    boolean contains(final Path directory) throws IOException {
        byte[] bytes = readList();
        if (bytes == null) {
            return false;
        }
        String wanted = directory.toString();
        return new String(bytes, StandardCharsets.UTF_8).lines().anyMatch(wanted::equals);
    }

    /** Notes that the ledger in {@code directory} (its real path) is sealed, once; forced to disk. */
    void add(final Path directory) throws IOException {
        if (contains(directory)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try (FileChannel out = FileChannel.open(file, options, privateFile())) {
            ByteBuffer line = ByteBuffer.wrap((directory + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                out.write(line);
            }
            out.force(true);
        }
    }

    /**
     * Forgets the ledger in {@code directory}: removes it from the list and drops its high-water mark (a ledger deleted
     * on purpose can start again at the same path). Returns whether the list knew it.
     */
    public boolean forget(final Path directory) throws IOException {
        Path dir = realOrAsGiven(directory);
        boolean known = false;
        byte[] bytes = readList();
        if (bytes != null) {
            StringBuilder kept = new StringBuilder();
            for (String line : new String(bytes, StandardCharsets.UTF_8).lines().toList()) {
                if (line.equals(dir.toString())) {
                    known = true;
                } else {
                    kept.append(line).append('\n');
                }
            }
            if (known) {
                replace(file, kept.toString());
            }
        }
        return Files.deleteIfExists(markFile(dir)) || known;
    }

    /** The high-water mark of the ledger in {@code directory} (its real path), or {@code null} when it has none. */
    HighWaterMark mark(final Path directory) throws IOException {
        String text;
        try {
            text = Files.readString(markFile(directory), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        String[] parts = text.strip().split(" ", 3);
        if (parts.length != 3 || !parts[0].matches("[0-9]{1,18}") || !parts[1].matches("[0-9a-f]{64}")
                || !parts[2].equals(directory.toString())) {
            throw new IOException(markFile(directory) + " is not the high-water mark of " + directory);
        }
        return new HighWaterMark(Long.parseLong(parts[0]), parts[1]);
    }

    /** Replaces the high-water mark of the ledger in {@code directory} (its real path); forced to disk. */
    void mark(final Path directory, final long sequence, final String hash) throws IOException {
        Path mark = markFile(directory);
        if (!Files.isDirectory(mark.getParent())) {
            Files.createDirectories(mark.getParent(), privateDirectory());
        }
        replace(mark, sequence + " " + hash + " " + directory + "\n");
    }

    private Path markFile(final Path directory) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(directory.toString().getBytes(StandardCharsets.UTF_8));
            return file.resolveSibling(file.getFileName() + ".marks")
                    .resolve(java.util.HexFormat.of().formatHex(digest, 0, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private byte[] readList() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException(file + " holds more than " + (MAX_BYTES >> 20) + " MiB");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Writes {@code text} to a private temporary file beside {@code target}, forces it, and moves it over atomically. */
    private static void replace(final Path target, final String text) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), ".sealed-", ".tmp", privateFile());
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path realOrAsGiven(final Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute; // deleted: the list holds the real path it had, which is this one unless a link was involved
        }
    }

    private static FileAttribute<?>[] privateFile() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] privateDirectory() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
