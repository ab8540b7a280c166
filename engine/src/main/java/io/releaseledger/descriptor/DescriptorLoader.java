package io.releaseledger.descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads a release descriptor ({@code release-ledger.yaml}) and validates all of it: every problem is reported at once,
 * with its field path and line, in one {@link DescriptorException}.
 *
 * <pre>{@code
 * ReleaseDescriptor descriptor = DescriptorLoader.load(workspace)                 // workspace/release-ledger.yaml
 *         .withOverrides(Map.of("environments.staging.strategy", "recreate"));
 * }</pre>
 */
public final class DescriptorLoader {
    /** The descriptor's name at the repository root. */
    public static final String DEFAULT_FILE_NAME = "release-ledger.yaml";
    /** The largest descriptor read, in UTF-8 bytes: a real one is a few kilobytes. */
    public static final int MAX_BYTES = 1024 * 1024;

    private DescriptorLoader() {
    }

    /**
     * Loads a descriptor file, or {@value #DEFAULT_FILE_NAME} inside a directory.
     *
     * @throws DescriptorException when the file is missing, unreadable or has problems
     */
    public static ReleaseDescriptor load(final Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(DEFAULT_FILE_NAME) : path;
        String source = file.toString();
        String text;
        try {
            text = readBounded(file);
            if (text == null) {
                throw single(source, tooLarge());
            }
        } catch (NoSuchFileException e) {
            throw DescriptorException.missing(source);
        } catch (CharacterCodingException e) {
            throw single(source, "the file is not UTF-8 text");
        } catch (IOException e) {
            throw single(source, "cannot read the file: " + e.getMessage());
        }
        return parse(text, source);
    }

    /** Loads a file and applies overrides; see {@link ReleaseDescriptor#withOverrides(Map)}. */
    public static ReleaseDescriptor load(final Path path, final Map<String, String> overrides) {
        return load(path).withOverrides(overrides);
    }

    /** Reads descriptor text; {@code source} names it in messages (a file name, "step parameter text", …). */
    public static ReleaseDescriptor parse(final String text, final String source) {
        if (utf8Length(text) > MAX_BYTES) {
            throw single(source, tooLarge());
        }
        Problems problems = new Problems(source);
        YamlNode document = YamlParser.parse(text, problems);
        return DescriptorReader.read(document, problems, source).withFingerprint(sha256(text));
    }

    /** {@code sha256:<hex>} of the UTF-8 text. */
    static String sha256(final String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Reads descriptor text, named {@value #DEFAULT_FILE_NAME} in messages. */
    public static ReleaseDescriptor parse(final String text) {
        return parse(text, DEFAULT_FILE_NAME);
    }

    /** The file's text, or {@code null} past the limit: never more is read, even from a pipe or a device. */
    private static String readBounded(final Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            return null;
        }
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static String tooLarge() {
        return "the descriptor is larger than 1 MiB (" + MAX_BYTES + " bytes); a release descriptor is a few "
                + "kilobytes, check that this is the right file";
    }

    /** Counts UTF-8 bytes, stopping as soon as the count passes the limit. */
    private static long utf8Length(final String text) {
        if (text.length() > MAX_BYTES) {
            return text.length(); // every char is at least one byte
        }
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= MAX_BYTES; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static DescriptorException single(final String source, final String message) {
        Problems problems = new Problems(source);
        problems.add("", YamlNode.Origin.UNKNOWN, message);
        return problems.toException();
    }
}
