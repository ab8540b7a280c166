package io.releaseledger.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the complete ({@code \n}-terminated) lines of a journal between two offsets, a chunk at a time. */
final class JournalLines {
    private static final int CHUNK = 1 << 20;

    /** A line longer than the limit: not a journal written by this product. */
    static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLong() {
            super(null, null, false, false);
        }
    }

    private final FileChannel channel;
    private final long end;
    private final int maxLine;
    private final ByteBuffer chunk;
    private long read;
    private long position;
    private byte[] pending = new byte[256];
    private int pendingLength;

    JournalLines(final FileChannel channel, final long start, final long end, final int maxLine) {
        this.channel = channel;
        this.read = start;
        this.position = start;
        this.end = end;
        this.maxLine = maxLine;
        this.chunk = ByteBuffer.allocate((int) Math.max(1, Math.min(CHUNK, end - start)));
        chunk.flip();
    }

    /** The next complete line without its newline, or {@code null} at the end. */
    String next() throws IOException {
        while (true) {
            byte[] array = chunk.array();
            int from = chunk.position();
            int limit = chunk.limit();
            for (int i = from; i < limit; i++) {
                if (array[i] == '\n') {
                    String line;
                    if (pendingLength == 0) {
                        line = new String(array, from, i - from, StandardCharsets.UTF_8);
                    } else {
                        append(array, from, i - from);
                        line = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
                        pendingLength = 0;
                    }
                    chunk.position(i + 1);
                    position = read - (limit - (i + 1));
                    return line;
                }
            }
            append(array, from, limit - from);
            chunk.position(limit);
            if (!fill()) {
                return null;
            }
        }
    }

    private boolean fill() throws IOException {
        if (read >= end) {
            return false;
        }
        chunk.clear();
        chunk.limit((int) Math.min(chunk.capacity(), end - read));
        while (chunk.hasRemaining()) {
            int n = channel.read(chunk, read + chunk.position());
            if (n < 0) {
                break;
            }
        }
        read += chunk.position();
        chunk.flip();
        return chunk.hasRemaining();
    }

    private void append(final byte[] bytes, final int from, final int length) {
        if (length == 0) {
            return;
        }
        if (pendingLength + length > maxLine) {
            throw new TooLong();
        }
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(bytes, from, pending, pendingLength, length);
        pendingLength += length;
    }

    /** The offset just after the last line returned. */
    long getPosition() {
        return position;
    }

    /** After {@link #next()} returned {@code null}: whether bytes without a final newline remain. */
    boolean hasIncompleteTail() {
        return pendingLength > 0;
    }
}
