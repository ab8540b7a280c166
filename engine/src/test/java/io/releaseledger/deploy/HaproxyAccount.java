package io.releaseledger.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test HAProxy's own account of what went wrong, read from the log {@link DeployHaproxy} has it write: with
 * {@code option httplog} and {@code option dontlog-normal} (HAProxy 2.6 configuration.txt, 4.2 and 8.2.3) it logs
 * only requests with an error, a timeout, a retry, a redispatch or a 5xx status, plus its server state changes, each
 * line after the ISO time it was logged at ({@code format iso}). {@link #toString()} describes them for an assertion
 * that failed, e.g. under load: which server, how many retries (the last of
 * {@code actconn/feconn/beconn/srv_conn/retries}, {@code +} when redispatched), which termination state HAProxy saw,
 * and what happened to the servers in the seconds before.
 */
final class HaproxyAccount {
    /** At most this many lines of each kind in {@link #toString()}; the file has them all. */
    private static final int SHOWN = 40;
    /** The server events shown with failed requests: from this long before the first until a second after the last. */
    private static final Duration BEFORE = Duration.ofSeconds(5);
    /**
     * HAProxy's HTTP log line after the time it was logged ({@code format iso}): client, [accept date], frontend,
     * backend/server, timers, status, bytes, two captured cookies, termination state, connection counts and retries,
     * queues, "request".
     */
    private static final Pattern REQUEST = Pattern.compile(
            "^\\S+ \\S+ \\[[^]]+] \\S+ \\S+/\\S+ \\S+ (-?\\d+) \\S+ \\S+ \\S+ (\\S{4}) \\S+ \\S+ \".*\"$");

    /** How the log's lines are read: the file, or what a test hands in. */
    @FunctionalInterface
    interface LogReader {
        List<String> read(Path file) throws IOException;
    }

    private final Path file;
    private final LogReader reader;

    HaproxyAccount(final Path file) {
        this(file, log -> Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of());
    }

    HaproxyAccount(final Path file, final LogReader reader) {
        this.file = file;
        this.reader = reader;
    }

    /** The logged requests that failed: a 5xx status, or a termination state other than {@code --} (normal). */
    List<String> failedRequests() {
        return failedRequests(lines());
    }

    /** Every logged request: the failed ones and those HAProxy retried or redispatched before they succeeded. */
    List<String> abnormalRequests() {
        return abnormalRequests(lines());
    }

    /** What HAProxy logged besides requests: servers going UP or DOWN, a backend without a server. */
    List<String> serverEvents() {
        return serverEvents(lines());
    }

    private static List<String> failedRequests(final List<String> lines) {
        List<String> failed = new ArrayList<>();
        for (String line : lines) {
            Matcher request = REQUEST.matcher(line);
            if (request.matches() && (request.group(1).startsWith("5") || !request.group(2).startsWith("--"))) {
                failed.add(line);
            }
        }
        return failed;
    }

    private static List<String> abnormalRequests(final List<String> lines) {
        return lines.stream().filter(line -> REQUEST.matcher(line).matches()).toList();
    }

    private static List<String> serverEvents(final List<String> lines) {
        return lines.stream().filter(line -> !REQUEST.matcher(line).matches()).toList();
    }

    private List<String> lines() {
        try {
            return reader.read(file);
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** One reading of the log (HAProxy may be writing it): its counts and lines agree with each other. */
    @Override
    public String toString() {
        List<String> lines = lines();
        List<String> failed = failedRequests(lines);
        int retried = abnormalRequests(lines).size() - failed.size();
        return "HAProxy's log " + file + ": " + count(failed.size(), "failed request") + " " + first(failed)
                + " (logged at, client [accepted] frontend backend/server TR/Tw/Tc/Tr/Ta status bytes - - "
                + "termination actconn/feconn/beconn/srv_conn/retries queues request), "
                + count(retried, "more request") + " retried or redispatched, server events "
                + (failed.isEmpty() ? "" : "from " + BEFORE.toSeconds() + " s before the first failure to 1 s after "
                        + "the last ") + first(serverEventsAround(serverEvents(lines), failed));
    }

    private static List<String> serverEventsAround(final List<String> events, final List<String> failed) {
        if (failed.isEmpty()) {
            return events;
        }
        Instant first = loggedAt(failed.get(0));
        Instant last = loggedAt(failed.get(failed.size() - 1));
        if (first.equals(Instant.MIN) || last.equals(Instant.MIN)) {
            return events;
        }
        Instant from = first.minus(BEFORE);
        Instant until = last.plusSeconds(1);
        return events.stream().filter(line -> {
            Instant at = loggedAt(line);
            return at.equals(Instant.MIN) || !at.isBefore(from) && !at.isAfter(until);
        }).toList();
    }

    /** The ISO time HAProxy put before the line, {@link Instant#MIN} when there is none. */
    private static Instant loggedAt(final String line) {
        try {
            return OffsetDateTime.parse(line.substring(0, Math.max(0, line.indexOf(' ')))).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }

    private static String count(final int count, final String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static List<String> first(final List<String> lines) {
        return lines.size() <= SHOWN ? lines : lines.subList(0, SHOWN);
    }
}
