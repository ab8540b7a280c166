package io.releaseledger.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a small secret file (a password, a token, an SSH key) as UTF-8, reading at most one byte past the limit, so
 * a wrong path such as {@code /dev/zero} or a disk image fails at once instead of filling the memory.
 */
public final class SecretFile {
    /** Enough for any password, token or SSH private key (an RSA 16384-bit key is about 12 KiB). */
    public static final int MAX_BYTES = 64 * 1024;

    private SecretFile() {
    }

    /**
     * The file's text.
     *
     * @throws TooLargeException when the file holds more than {@code maxBytes} bytes (or never ends)
     * @throws IOException       when it cannot be read or is not UTF-8
     */
    public static String read(final Path file, final int maxBytes) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new TooLargeException(file + " holds more than " + describe(maxBytes));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text", e);
        }
    }

    /** {@code 64 KiB} or {@code 100 bytes}. */
    public static String describe(final int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    /** The file is larger than a secret can be. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(final String message) {
            super(message);
        }
    }
}
