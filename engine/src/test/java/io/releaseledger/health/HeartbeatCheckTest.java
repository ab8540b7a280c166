package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heartbeat check: a cron job's trace in a URL or a file must be newer than its maximum age. */
class HeartbeatCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void shouldReadEpochSecondsMillisAndIsoFromAUrl() throws IOException {
        String[] bodies = {Long.toString(NOW.minusSeconds(60).getEpochSecond()),
                Long.toString(NOW.minusSeconds(60).toEpochMilli()), "2026-11-22T02:59:00Z",
                "2026-11-22T03:59:00+01:00"};
        for (String body : bodies) {
            try (TestServer server = new TestServer("/", (exchange, n) -> TestServer.answer(exchange, 200, body))) {
                CheckResult fresh = HeartbeatCheck.url("/cron/last-run", Duration.ofMinutes(5)).setClock(CLOCK)
                        .run(server.target());
                CheckResult stale = HeartbeatCheck.url("/cron/last-run", Duration.ofSeconds(30)).setClock(CLOCK)
                        .run(server.target());

                assertThat(fresh.isPassed()).as(body + ": " + fresh.getDetail()).isTrue();
                assertThat(fresh.getDetail()).startsWith("last beat 1 min ago");
                assertThat(stale.isPassed()).as(body).isFalse();
                assertThat(stale.getDetail()).endsWith("older than 30 s");
            }
        }
    }

    @Test
    void shouldReadTheTimestampAtAJsonPointer() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> TestServer.answer(exchange, 200,
                "{\"jobs\":{\"invoices\":{\"lastRun\":\"2026-11-22T01:00:00Z\"}}}"))) {
            CheckResult stale = HeartbeatCheck.url("/status", Duration.ofHours(1)).setPointer("/jobs/invoices/lastRun")
                    .setClock(CLOCK).run(server.target());
            CheckResult missing = HeartbeatCheck.url("/status", Duration.ofHours(1)).setPointer("/jobs/mail/lastRun")
                    .setClock(CLOCK).run(server.target());

            assertThat(stale.isPassed()).isFalse();
            assertThat(stale.getDetail()).isEqualTo("last beat 120 min ago (2026-11-22T01:00:00Z), older than 60 min");
            assertThat(missing.getDetail()).isEqualTo("no heartbeat: no field 'mail' at /jobs");
        }
    }

    @Test
    void shouldFailOnTextThatIsNoTimestamp() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> TestServer.answer(exchange, 200, "yesterday"))) {
            CheckResult result = HeartbeatCheck.url("/", Duration.ofHours(1)).run(server.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).startsWith("no heartbeat: 'yesterday' is not a timestamp");
        }
    }

    @Test
    void shouldReadAFilesModificationTimeOrContents() throws IOException {
        Path touched = directory.resolve("last-run");
        Files.writeString(touched, "");
        Files.setLastModifiedTime(touched, FileTime.from(NOW.minus(Duration.ofMinutes(20))));
        Path written = directory.resolve("last-run.txt");
        Files.writeString(written, NOW.minusSeconds(10).getEpochSecond() + "\n");

        assertThat(HeartbeatCheck.file(touched, Duration.ofMinutes(30)).setClock(CLOCK).run(target()).isPassed())
                .isTrue();
        assertThat(HeartbeatCheck.file(touched, Duration.ofMinutes(10)).setClock(CLOCK).run(target()).getDetail())
                .endsWith("older than 10 min");
        assertThat(HeartbeatCheck.file(written, Duration.ofMinutes(1)).setFileContents(true).setClock(CLOCK)
                .run(target()).isPassed()).isTrue();
        assertThat(HeartbeatCheck.file(directory.resolve("never-ran"), Duration.ofMinutes(1)).run(target())
                .getDetail()).endsWith("never-ran does not exist");
    }

    private static CheckTarget target() {
        return new CheckTarget("127.0.0.1", 0, null, null);
    }
}
