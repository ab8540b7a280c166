package io.releaseledger.ledger;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import javax.crypto.Mac;

/**
 * {@code checkpoint.bin}: the read model as of one event, with that event's sequence number, hash and the
 * journal's byte offset after it. Binary: a small header, then the model in {@link ModelCodec}'s sections, then
 * a CRC-32 of those sections.
 *
 * <pre>
 * int    magic "RLCP"           int    format version (5)
 * UTF    id of the ledger key sealing it ("" when written without a key)
 * UTF    application            long   sequence number of the last event
 * UTF    its hash               long   journal byte offset after it
 * int    CRC-32C of the journal's bytes before that offset
 * sections (int length, bytes)… int 0  int CRC-32 of the sections' bytes
 * 32 bytes HMAC-SHA-256 of everything after the key id (only when sealed)
 * </pre>
 *
 * A reader holding ledger keys uses only a checkpoint sealed with one of them: the checkpoint lives in the ledger
 * directory, so anyone who can write there could otherwise plant a model (and a CRC matching a rewritten journal).
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
    /**
     * 5: releases keep their {@code commitCount} and may have more commit times than listed commits; a format 4
     * checkpoint lacks the times of the commits a long release left out, so it is rebuilt, not read.
     */
    static final int VERSION = 5;
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
        write(directory, application, model, offset, journalCrc, null);
    }

    /** As {@link #write(Path, String, ReadModel, long, int)}, sealed with {@code key} unless it is {@code null}. */
    static void write(final Path directory, final String application, final ReadModel model, final long offset,
            final int journalCrc, final LedgerKey key) throws IOException {
        Path temporary = directory.resolve(FILE + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        try {
            try (FileOutputStream file = new FileOutputStream(temporary.toFile())) {
                BufferedOutputStream buffered = new BufferedOutputStream(file, 1 << 16);
                MacOutput sealed = new MacOutput(buffered, key == null ? null : key.newMac());
                DataOutputStream out = new DataOutputStream(sealed);
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(key == null ? "" : key.getId());
                sealed.start();
                out.writeUTF(application);
                out.writeLong(model.lastSequence);
                out.writeUTF(model.lastHash);
                out.writeLong(offset);
                out.writeInt(journalCrc);
                CRC32 crc = new CRC32();
                ModelCodec.write(model, out, crc);
                out.writeInt((int) crc.getValue());
                out.flush();
                if (key != null) {
                    buffered.write(sealed.finish());
                }
                buffered.flush();
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
        return read(directory, application, LedgerKeys.none(), true);
    }

    /**
     * As {@link #read(Path, String)}; when {@code keys} holds any key, a checkpoint sealed with another key, or whose
     * seal does not match, is refused, and so is an unsealed one unless {@code unsealedAllowed} (a ledger that was
     * never sealed: nothing in it is authenticated, so its checkpoint need not be). Without keys a seal is not checked.
     */
    static Checkpoint read(final Path directory, final String application, final LedgerKeys keys,
            final boolean unsealedAllowed) throws IOException {
        Path file = directory.resolve(FILE);
        long size;
        InputStream stream;
        try {
            stream = Files.newInputStream(file);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        MacInput sealed = new MacInput(new BufferedInputStream(stream, 1 << 16));
        try (DataInputStream in = new DataInputStream(sealed)) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a Release Ledger checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("a checkpoint of format version " + version + ", which this version ("
                        + VERSION + ") does not read");
            }
            String keyId = in.readUTF();
            LedgerKey key = keyId.isEmpty() ? null : keys.find(keyId);
            if (!keys.isEmpty() && key == null && !(keyId.isEmpty() && unsealedAllowed)) {
                throw new IOException(keyId.isEmpty() ? "it is not sealed with a ledger key"
                        : "it is sealed with ledger key " + keyId + ", which is not one of the keys given");
            }
            sealed.start(key == null ? null : key.newMac());
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
            byte[] expected = sealed.finish();
            if (!keyId.isEmpty()) {
                byte[] found = in.readNBytes(32);
                if (expected != null && !java.security.MessageDigest.isEqual(expected, found)) {
                    throw new IOException("its seal (ledger key " + keyId + ") does not match: it was changed");
                }
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

    /** Passes bytes on and, between {@link #start()} and {@link #finish()}, feeds them to a MAC (when there is one). */
    private static final class MacOutput extends FilterOutputStream {
        private final Mac mac;
        private boolean on;

        MacOutput(final OutputStream out, final Mac mac) {
            super(out);
            this.mac = mac;
        }

        void start() {
            on = mac != null;
        }

        byte[] finish() {
            on = false;
            return mac == null ? null : mac.doFinal();
        }

        @Override
        public void write(final int b) throws IOException {
            if (on) {
                mac.update((byte) b);
            }
            out.write(b);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException {
            if (on) {
                mac.update(b, off, len);
            }
            out.write(b, off, len);
        }
    }

    /** Reads bytes and, between {@link #start(Mac)} and {@link #finish()}, feeds them to a MAC (when there is one). */
    private static final class MacInput extends FilterInputStream {
        private Mac mac;

        MacInput(final InputStream in) {
            super(in);
        }

        void start(final Mac macToFeed) {
            this.mac = macToFeed;
        }

        byte[] finish() {
            Mac done = mac;
            mac = null;
            return done == null ? null : done.doFinal();
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && mac != null) {
                mac.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(final byte[] b, final int off, final int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && mac != null) {
                mac.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(final long n) throws IOException {
            throw new IOException("a checkpoint is read, not skipped");
        }
    }
}
