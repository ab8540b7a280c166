package io.releaseledger.ledger;

import io.releaseledger.json.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * {@code checkpoint.json}: the read model as of one event, with that event's sequence number, hash and the
 * journal's byte offset after it. A JSON envelope around the model in {@link ModelCodec}'s binary form
 * (deflated, base64). Written to a temporary file and moved into place atomically, so a reader sees the old
 * checkpoint or the new one, never half of one.
 */
final class Checkpoint {
    static final String FILE = "checkpoint.json";
    private static final String FORMAT = "release-ledger-checkpoint";
    private static final long VERSION = 1;

    final ReadModel model;
    final long offset;
    final long sequence;
    final String hash;

    private Checkpoint(final ReadModel model, final long offset, final long sequence, final String hash) {
        this.model = model;
        this.offset = offset;
        this.sequence = sequence;
        this.hash = hash;
    }

    static void write(final Path directory, final String application, final ReadModel model, final long offset)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (OutputStream out = new DeflaterOutputStream(bytes, deflater, 1 << 16)) {
            ModelCodec.write(model, out);
        } finally {
            deflater.end();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("version", VERSION);
        json.put("application", application);
        json.put("seq", model.lastSequence);
        json.put("hash", model.lastHash);
        json.put("offset", offset);
        json.put("model", Base64.getEncoder().encodeToString(bytes.toByteArray()));
        byte[] text = Json.write(json).getBytes(StandardCharsets.UTF_8);
        Path temporary = directory.resolve(FILE + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(text);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads the checkpoint of an application.
     *
     * @return {@code null} when there is none
     * @throws IOException or a runtime exception when it cannot be read or belongs to another application
     */
    static Checkpoint read(final Path directory, final String application) throws IOException {
        String text;
        try {
            text = Files.readString(directory.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        Map<String, Object> json = Json.parseObject(text);
        text = null;
        if (!FORMAT.equals(json.get("format")) || !Long.valueOf(VERSION).equals(json.get("version"))) {
            throw new IOException("not a checkpoint of this version");
        }
        if (!application.equals(json.get("application"))) {
            throw new IOException("the checkpoint belongs to application '" + json.get("application") + "'");
        }
        if (!(json.get("seq") instanceof Long sequence) || !(json.get("offset") instanceof Long offset)
                || !(json.get("hash") instanceof String hash) || !(json.get("model") instanceof String model)) {
            throw new IOException("the checkpoint lacks seq, offset, hash or model");
        }
        byte[] bytes = Base64.getDecoder().decode(model);
        json.clear();
        ReadModel readModel;
        byte[] raw;
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(bytes))) {
            raw = in.readAllBytes();
        }
        readModel = ModelCodec.read(new UnsynchronizedInput(raw));
        if (readModel.lastSequence != sequence || !readModel.lastHash.equals(hash)) {
            throw new IOException("the checkpoint's model does not match its header");
        }
        return new Checkpoint(readModel, offset, sequence, hash);
    }

    /** A byte array as a stream without the per-byte lock of {@code ByteArrayInputStream}: millions of varints. */
    private static final class UnsynchronizedInput extends InputStream {
        private final byte[] bytes;
        private int position;

        UnsynchronizedInput(final byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(final byte[] target, final int offset, final int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, target, offset, count);
            position += count;
            return count;
        }
    }
}
