package io.jenkins.plugins.releaseledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text the controller reads from what a branch or an agent wrote (the release descriptor, the agent's response):
 * read up to a limit, so a huge file cannot fill the controller's memory.
 */
final class BoundedText {
    static final int DESCRIPTOR_LIMIT = 1024 * 1024;
    static final int RESPONSE_LIMIT = 16 * 1024 * 1024;

    private BoundedText() {
    }

    /** The text (UTF-8), or {@code null} when the stream holds more than {@code limit} bytes. */
    static String read(final InputStream in, final int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@code 1 MiB}, {@code 16 MiB}: the limit as messages name it. */
    static String describe(final int limit) {
        return limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MiB" : limit + " bytes";
    }
}
