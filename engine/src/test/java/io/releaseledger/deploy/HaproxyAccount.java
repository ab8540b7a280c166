package io.releaseledger.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test HAProxy's own account of what went wrong, read from the log {@link DeployHaproxy} has it write: with
 * {@code option httplog} and {@code option dontlog-normal} (HAProxy 2.6 configuration.txt, 4.2 and 8.2.3) it logs
 * only requests with an error, a timeout, a retry, a redispatch or a 5xx status, plus its server state changes.
 * {@link #toString()} describes them for an assertion that failed, e.g. under load: which server, how many retries
 * (the last of {@code actconn/feconn/beconn/srv_conn/retries}, {@code +} when redispatched) and which termination
 * state HAProxy saw.
 */
final class HaproxyAccount {
    /** At most this many lines of each kind in {@link #toString()}; the file has them all. */
    private static final int SHOWN = 20;
    /**
     * HAProxy's HTTP log line without the syslog header ({@code format raw}): client, [accept date], frontend,
     * backend/server, timers, status, bytes, two captured cookies, termination state, connection counts and retries,
     * queues, "request".
     */
    private static final Pattern REQUEST = Pattern.compile(
            "^\\S+ \\[[^]]+] \\S+ \\S+/\\S+ \\S+ (-?\\d+) \\S+ \\S+ \\S+ (\\S{4}) \\S+ \\S+ \".*\"$");

    private final Path file;

    HaproxyAccount(final Path file) {
        this.file = file;
    }

    /** The logged requests that failed: a 5xx status, or a termination state other than {@code --} (normal). */
    List<String> failedRequests() {
        List<String> failed = new ArrayList<>();
        for (String line : lines()) {
            Matcher request = REQUEST.matcher(line);
            if (request.matches() && (request.group(1).startsWith("5") || !request.group(2).startsWith("--"))) {
                failed.add(line);
            }
        }
        return failed;
    }

    /** Every logged request: the failed ones and those HAProxy retried or redispatched before they succeeded. */
    List<String> abnormalRequests() {
        return lines().stream().filter(line -> REQUEST.matcher(line).matches()).toList();
    }

    /** What HAProxy logged besides requests: servers going UP or DOWN, a backend without a server. */
    List<String> serverEvents() {
        return lines().stream().filter(line -> !REQUEST.matcher(line).matches()).toList();
    }

    private List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        List<String> failed = failedRequests();
        int retried = abnormalRequests().size() - failed.size();
        return "HAProxy's log " + file + ": " + count(failed.size(), "failed request") + " " + first(failed)
                + " (client [accepted] frontend backend/server TR/Tw/Tc/Tr/Ta status bytes - - termination "
                + "actconn/feconn/beconn/srv_conn/retries queues request), " + count(retried, "more request")
                + " retried or redispatched, server events " + first(serverEvents());
    }

    private static String count(final int count, final String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static List<String> first(final List<String> lines) {
        return lines.size() <= SHOWN ? lines : lines.subList(0, SHOWN);
    }
}
