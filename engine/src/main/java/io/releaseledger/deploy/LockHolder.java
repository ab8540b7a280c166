package io.releaseledger.deploy;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds an environment's lock, written into the lock's purpose: the process's pid and host, when it started and
 * an identity made when it started. A pid alone cannot tell a holder from a later process that got the same pid (a
 * restarted controller in a container is always the same pid), so a live pid is the holder only when its start time
 * and, for this very process, its identity match.
 */
final class LockHolder {
    /** Made once per process: a restarted process with the same pid and start second still differs. */
    private static final String PROCESS_IDENTITY = UUID.randomUUID().toString().substring(0, 13);
    private static final Pattern HOLDER = Pattern.compile(
            "\\(pid (\\d+) on ([^,)]+)(?:, started ([^,)]+))?(?:, process ([^,)]+))?\\)");
    /** Start times are read from the system by each process; allow for rounding, never for a restart. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private LockHolder() {
    }

    /** {@code what} followed by this process's pid, host, start time and identity, in parentheses. */
    static String describe(final String what) {
        ProcessHandle self = ProcessHandle.current();
        StringBuilder holder = new StringBuilder(what).append(" (pid ").append(self.pid()).append(" on ")
                .append(EnvironmentLock.localHost());
        self.info().startInstant().ifPresent(started -> holder.append(", started ").append(started));
        return holder.append(", process ").append(PROCESS_IDENTITY).append(')').toString();
    }

    /**
     * Why the holder named in {@code purpose} is gone, or {@code null} when it may be alive or is not a process on
     * this host (then only the lease decides).
     */
    static String goneReason(final String purpose) {
        Matcher matcher = purpose == null ? null : HOLDER.matcher(purpose);
        if (matcher == null || !matcher.find() || !matcher.group(2).equals(EnvironmentLock.localHost())) {
            return null;
        }
        long pid = Long.parseLong(matcher.group(1));
        String started = matcher.group(3);
        String identity = matcher.group(4);
        String process = "its process " + pid + " on " + matcher.group(2);
        if (pid == ProcessHandle.current().pid() && identity != null && !identity.equals(PROCESS_IDENTITY)) {
            return process + " ended: this process has the same pid but is another one (process " + PROCESS_IDENTITY
                    + ", not " + identity + ")";
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return process + " is no longer running";
        }
        Instant recorded = parse(started);
        Optional<Instant> running = handle.get().info().startInstant();
        if (recorded != null && running.isPresent()
                && Duration.between(recorded, running.get()).abs().compareTo(START_TOLERANCE) > 0) {
            return process + " ended: pid " + pid + " now belongs to a process started " + running.get()
                    + ", not " + started;
        }
        return null;
    }

    private static Instant parse(final String started) {
        if (started == null) {
            return null;
        }
        try {
            return Instant.parse(started);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
