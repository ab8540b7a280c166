package io.releaseledger.health;

import io.releaseledger.json.Json;
import io.releaseledger.json.JsonException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Proves a scheduled job runs: what it updates must be newer than {@code maxAge}. The source is a URL whose body
 * (or the value at a JSON Pointer in it) is a timestamp, or a file: its modification time or the timestamp it holds.
 * Timestamps are epoch seconds or milliseconds, or ISO-8601 ({@link Timestamps}).
 */
public final class HeartbeatCheck implements HealthCheck {
    static final String KIND = "heartbeat";

    private final String urlTemplate;
    private final Path file;
    private final Duration maxAge;
    private String name;
    private String pointer;
    private boolean fileContents;
    private Duration timeout = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private volatile CheckClient client;

    private HeartbeatCheck(final String urlTemplate, final Path file, final Duration maxAge) {
        this.urlTemplate = urlTemplate;
        this.file = file;
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, not " + maxAge);
        }
        this.name = KIND + " " + (file != null ? file.toString() : urlTemplate);
    }

    /** A URL ({@code /path} on the target, or absolute) whose body is the timestamp. */
    public static HeartbeatCheck url(final String urlTemplate, final Duration maxAge) {
        return new HeartbeatCheck(Http.template(Objects.requireNonNull(urlTemplate, "urlTemplate")), null, maxAge);
    }

    /** A file whose modification time is the heartbeat (see {@link #setFileContents}). */
    public static HeartbeatCheck file(final Path file, final Duration maxAge) {
        return new HeartbeatCheck(null, Objects.requireNonNull(file, "file"), maxAge);
    }

    public HeartbeatCheck setName(final String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Read the timestamp at this JSON Pointer of the body (or file contents). */
    public HeartbeatCheck setPointer(final String pointer) {
        if (pointer != null && !JsonPointer.isValid(pointer)) {
            throw new IllegalArgumentException("'" + pointer + "' is not a JSON Pointer such as /lastRun");
        }
        this.pointer = pointer;
        return this;
    }

    /** For a file: read the timestamp written in it rather than its modification time. */
    public HeartbeatCheck setFileContents(final boolean contents) {
        this.fileContents = contents;
        return this;
    }

    public HeartbeatCheck setTimeout(final Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = null;
        return this;
    }

    /** The clock "now" is read from (tests). */
    public HeartbeatCheck setClock(final Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getKind() {
        return KIND;
    }

    @Override
    public boolean usesTarget() {
        return urlTemplate != null && Http.usesTarget(urlTemplate);
    }

    @Override
    public CheckResult run(final CheckTarget target) {
        long start = System.nanoTime();
        String expected = "a heartbeat newer than " + Durations.format(maxAge);
        Instant beat;
        try {
            beat = file != null ? fromFile() : fromUrl(Placeholders.fill(urlTemplate, target), start);
        } catch (IllegalArgumentException | IOException | TimeoutException | NoSuchElementException e) {
            String reason = e instanceof IOException || e instanceof TimeoutException
                    ? Http.failure(e, timeout) : e.getMessage();
            return CheckResult.failed(name, KIND, "no heartbeat: " + reason, Durations.millisSince(start))
                    .withExpected(expected).withActual(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed(name, KIND, "interrupted", Durations.millisSince(start));
        }
        Duration age = Duration.between(beat, clock.instant());
        long millis = Durations.millisSince(start);
        String seen = "last beat " + (age.isNegative() ? "in the future" : Durations.format(age) + " ago") + " ("
                + beat + ")";
        if (age.compareTo(maxAge) > 0) {
            return CheckResult.failed(name, KIND, seen + ", older than " + Durations.format(maxAge), millis)
                    .withExpected(expected).withActual(seen);
        }
        return CheckResult.passed(name, KIND, seen, millis);
    }

    private Instant fromFile() throws IOException {
        try {
            if (!fileContents) {
                return Files.getLastModifiedTime(file).toInstant();
            }
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(BoundedBody.MAX_BYTES + 1);
            }
            if (BoundedBody.isCut(bytes)) {
                throw new IllegalArgumentException(file + " holds more than " + BoundedBody.describeLimit()
                        + " (read no further): a heartbeat file holds a timestamp or a small JSON document");
            }
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist", e);
        }
    }

    private Instant fromUrl(final String url, final long start)
            throws IOException, InterruptedException, TimeoutException {
        URI uri = Http.parse(url).orElseThrow(() -> new IllegalArgumentException("'" + url + "' is not a URL"));
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout).header("User-Agent", Http.USER_AGENT)
                .build();
        HttpResponse<byte[]> response = Http.send(client(), request, timeout, start);
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new IllegalArgumentException(url + " answered " + Http.statusText(response.statusCode()));
        }
        if (BoundedBody.isCut(response.body())) {
            throw new IllegalArgumentException(url + " answered a body longer than " + BoundedBody.describeLimit()
                    + " (read no further): a heartbeat is a timestamp or a small JSON document");
        }
        return parse(new String(response.body(), StandardCharsets.UTF_8));
    }

    private Instant parse(final String text) {
        if (pointer == null) {
            return Timestamps.parse(text);
        }
        Object value;
        try {
            value = JsonPointer.resolve(Json.parse(text), pointer);
        } catch (JsonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        return Timestamps.parse(JsonPointer.text(value));
    }

    private CheckClient client() {
        CheckClient current = client;
        if (current == null) {
            current = new CheckClient(timeout, null);
            client = current;
        }
        return current;
    }

    @Override
    public String toString() {
        return name + ", max age " + Durations.format(maxAge);
    }
}
