package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks read at most 1 MiB of what they are given: an endless HTTP body on loopback and a huge heartbeat file end
 * the check with a clear result instead of filling the memory or waiting for the timeout.
 */
class BoundedReadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void shouldStopReadingAnEndlessBodyAndFailABodyRule() throws IOException {
        AtomicLong sent = new AtomicLong();
        try (TestServer server = new TestServer("/", (exchange, n) -> endless(exchange, sent))) {
            CheckResult result = new HttpCheck("/health").setBodyContains("\"status\":\"UP\"").setTimeout(TIMEOUT)
                    .run(server.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).contains("the body is longer than 1 MiB (checks read no further)");
        }
        assertThat(sent.get()).as("the server stopped when the check closed the connection")
                .isLessThan(256L << 20);
    }

    @Test
    void shouldPassAStatusOnlyCheckOfAnEndlessBody() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> endless(exchange, new AtomicLong()))) {
            CheckResult result = new HttpCheck("/health").setTimeout(TIMEOUT).run(server.target());

            assertThat(result.isPassed()).as(result.getDetail()).isTrue();
        }
    }

    @Test
    void shouldStopReadingAnEndlessHeartbeatBody() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> endless(exchange, new AtomicLong()))) {
            CheckResult result = HeartbeatCheck.url("/cron/last-run", Duration.ofMinutes(5)).setTimeout(TIMEOUT)
                    .run(server.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).contains("answered a body longer than 1 MiB (read no further)");
        }
    }

    @Test
    void shouldReadAtMostOneMebibyteOfAHeartbeatFile() throws IOException {
        Path huge = directory.resolve("last-run");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30); // sparse: 3 GiB of zeros without the disk space
        }
        Path exact = directory.resolve("exact");
        byte[] padded = new byte[BoundedBody.MAX_BYTES];
        Arrays.fill(padded, (byte) ' ');
        byte[] stamp = "2026-11-22T02:59:00Z".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stamp, 0, padded, 0, stamp.length);
        java.nio.file.Files.write(exact, padded);

        CheckResult result = HeartbeatCheck.file(huge, Duration.ofMinutes(5)).setFileContents(true)
                .run(new CheckTarget("127.0.0.1", 0, null, null));
        CheckResult atTheLimit = HeartbeatCheck.file(exact, Duration.ofDays(36500)).setFileContents(true)
                .run(new CheckTarget("127.0.0.1", 0, null, null));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getDetail()).contains("holds more than 1 MiB (read no further)");
        assertThat(atTheLimit.isPassed()).as(atTheLimit.getDetail()).isTrue();
    }

    /** A 200 whose chunked body never ends (stops at 256 MiB or when the client goes away). */
    private static void endless(final HttpExchange exchange, final AtomicLong sent) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = exchange.getResponseBody()) {
            while (sent.get() < 256L << 20) {
                out.write(chunk);
                sent.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            // the check closed the connection: what it should do
        }
    }
}
