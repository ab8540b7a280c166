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
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * The list, kept beside the ledger key and outside every ledger directory, of the ledgers that were ever sealed with
 * a key: one directory per line, appended by the writer of a ledger's first sealed event. Without it a journal whose
 * seals were all removed (and re-chained with plain SHA-256) could not be told from one written before the ledger
 * had a key.
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
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(file + " holds more than " + (MAX_BYTES >> 20) + " MiB");
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
        FileAttribute<?>[] attributes = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel out = FileChannel.open(file, options, attributes)) {
            ByteBuffer line = ByteBuffer.wrap((directory + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                out.write(line);
            }
            out.force(true);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
