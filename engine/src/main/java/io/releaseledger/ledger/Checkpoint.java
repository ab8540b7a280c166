package io.releaseledger.ledger;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * {@code checkpoint.bin}: the read model as of one event, with that event's sequence number, hash and the
 * journal's byte offset after it. Binary: a small header, then the model in {@link ModelCodec}'s sections, then
 * a CRC-32 of those sections.
 *
 * <pre>
 * int    magic "RLCP"           int    format version (4)
 * UTF    application            long   sequence number of the last event
 * UTF    its hash               long   journal byte offset after it
 * int    CRC-32C of the journal's bytes before that offset
 * sections (int length, bytes)… int 0  int CRC-32 of the sections' bytes
 * </pre>
 *
 * Written to a temporary file, forced to disk and moved into place atomically, so a reader sees the old
 * checkpoint or the new one, never half of one. The journal's CRC-32C lets an open find, at the speed of reading the
 * file, that nothing behind the checkpoint was changed; when it differs the whole chain is checked. A checkpoint of another format version, torn or unreadable, is
 * not used: the ledger rebuilds it from the journal.
 */
final class Checkpoint {
    static final String FILE = "checkpoint.bin";
    /** Where format 1 lived (a JSON envelope); removed when a new checkpoint is written. */
    static final String LEGACY_FILE = "checkpoint.json";
    static final int MAGIC = 0x524c4350; // "RLCP"
    static final int VERSION = 4;
    /** The byte holding the low byte of the format version (big-endian int after the magic). */
    static final int VERSION_OFFSET = 7;

    final ReadModel model;
    final long offset;
    final long sequence;
    final String hash;
    final int journalCrc;

    private Checkpoint(final ReadModel model, final long offset, final long sequence, final String hash,
            final int journalCrc) {
        this.model = model;
        this.offset = offset;
        this.sequence = sequence;
        this.hash = hash;
        this.journalCrc = journalCrc;
    }

    /** Writes the checkpoint of {@code model}, whose journal holds {@code offset} bytes with CRC-32C {@code journalCrc}. */
    static void write(final Path directory, final String application, final ReadModel model, final long offset,
            final int journalCrc) throws IOException {
        Path temporary = directory.resolve(FILE + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        try {
            try (FileOutputStream file = new FileOutputStream(temporary.toFile())) {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 16));
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(application);
                out.writeLong(model.lastSequence);
                out.writeUTF(model.lastHash);
                out.writeLong(offset);
                out.writeInt(journalCrc);
                CRC32 crc = new CRC32();
                ModelCodec.write(model, out, crc);
                out.writeInt((int) crc.getValue());
                out.flush();
                file.getChannel().force(true);
            }
            Files.move(temporary, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        try {
            Files.deleteIfExists(directory.resolve(LEGACY_FILE));
        } catch (IOException e) {
            // An old checkpoint nobody reads any more; it can stay.
        }
    }

    /**
     * Reads the checkpoint of an application.
     *
     * @return {@code null} when there is none
     * @throws IOException or a runtime exception when it cannot be read, is of another format or version, or
     *         belongs to another application
     */
    static Checkpoint read(final Path directory, final String application) throws IOException {
        Path file = directory.resolve(FILE);
        long size;
        InputStream stream;
        try {
            stream = Files.newInputStream(file);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a Release Ledger checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("a checkpoint of format version " + version + ", which this version ("
                        + VERSION + ") does not read");
            }
            String owner = in.readUTF();
            if (!application.equals(owner)) {
                throw new IOException("the checkpoint belongs to application '" + owner + "'");
            }
            long sequence = in.readLong();
            String hash = in.readUTF();
            long offset = in.readLong();
            int journalCrc = in.readInt();
            if (sequence < 0 || offset < 0) {
                throw new IOException("the checkpoint's header is damaged");
            }
            CRC32 crc = new CRC32();
            ReadModel model = ModelCodec.read(in, crc, size);
            if (in.readInt() != (int) crc.getValue()) {
                throw new IOException("the checkpoint's checksum does not match: it was damaged");
            }
            if (in.read() != -1) {
                throw new IOException("the checkpoint has bytes after its end");
            }
            if (model.lastSequence != sequence || !model.lastHash.equals(hash)) {
                throw new IOException("the checkpoint's model does not match its header");
            }
            return new Checkpoint(model, offset, sequence, hash, journalCrc);
        } catch (EOFException e) {
            throw new IOException("the checkpoint is incomplete", e);
        }
    }
}
