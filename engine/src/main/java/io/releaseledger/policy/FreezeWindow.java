package io.releaseledger.policy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A time in which deploys and promotes to an environment are refused: once ({@code from}–{@code to}) or recurring
 * (a cron expression for the start, a duration, and the time zone the expression is read in).
 */
public final class FreezeWindow {
    /** A recurring window longer than this would be a permanent freeze: write a one-off window instead. */
    static final Duration LONGEST = Duration.ofDays(31);

    private final String name;
    private final Instant from;
    private final Instant to;
    private final CronSchedule schedule;
    private final Duration duration;
    private final ZoneId zone;

    private FreezeWindow(final String name, final Instant from, final Instant to, final CronSchedule schedule,
            final Duration duration, final ZoneId zone) {
        if (name == null || name.isBlank()) {
            throw new PolicyException("A freeze window needs a name: it is shown when a deploy is refused.");
        }
        this.name = name.trim();
        this.from = from;
        this.to = to;
        this.schedule = schedule;
        this.duration = duration;
        this.zone = zone;
    }

    /** @throws PolicyException when {@code to} is not after {@code from} */
    public static FreezeWindow once(final String name, final Instant from, final Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new PolicyException("The freeze window '" + name + "' must end after it starts (from " + from
                    + ", to " + to + ").");
        }
        return new FreezeWindow(name, from, to, null, null, null);
    }

    /**
     * @param cron     when each occurrence starts, read in {@code timeZone}
     * @param timeZone a zone id such as {@code Europe/Berlin} or {@code UTC}
     * @throws PolicyException for a bad expression, zone or duration, naming the window and the fix
     */
    public static FreezeWindow recurring(final String name, final String cron, final Duration duration,
            final String timeZone) {
        CronSchedule schedule;
        try {
            schedule = CronSchedule.parse(cron);
        } catch (PolicyException e) {
            throw new PolicyException("Freeze window '" + name + "': " + e.getMessage());
        }
        if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new PolicyException("Freeze window '" + name + "': the duration must be between one minute and "
                    + LONGEST.toDays() + " days (e.g. PT62H or 62h), not " + duration + ".");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.trim());
        } catch (DateTimeException e) {
            throw new PolicyException("Freeze window '" + name + "': '" + timeZone + "' is not a time zone; write a "
                    + "region id such as Europe/Berlin, or UTC.");
        }
        return new FreezeWindow(name, null, null, schedule, duration, zone);
    }

    public String getName() {
        return name;
    }

    public boolean isRecurring() {
        return schedule != null;
    }

    /** The occurrence that holds {@code now}; empty when the window is not active then. */
    public Optional<FreezeOccurrence> occurrenceAt(final Instant now) {
        if (!isRecurring()) {
            return !now.isBefore(from) && now.isBefore(to) ? Optional.of(new FreezeOccurrence(this, from, to))
                    : Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        // the latest start whose occurrence still holds now: it ends last
        Optional<ZonedDateTime> start = schedule.previous(local, local.minus(duration).plusNanos(1));
        return start.map(ZonedDateTime::toInstant).map(at -> new FreezeOccurrence(this, at, at.plus(duration)))
                .filter(occurrence -> occurrence.getEnd().isAfter(now));
    }

    /** The next occurrence that starts after {@code now}; empty when there is none. */
    public Optional<FreezeOccurrence> nextOccurrence(final Instant now) {
        if (!isRecurring()) {
            return from.isAfter(now) ? Optional.of(new FreezeOccurrence(this, from, to)) : Optional.empty();
        }
        return schedule.next(now.atZone(zone)).map(ZonedDateTime::toInstant)
                .map(at -> new FreezeOccurrence(this, at, at.plus(duration)));
    }

    /** How the window was written, for people: {@code from … to …} or {@code cron … for … (zone)}. */
    public String describe() {
        if (!isRecurring()) {
            return "from " + from + " to " + to;
        }
        return "'" + schedule.getExpression() + "' for " + duration + " (" + zone.getId() + ")";
    }

    /** The policy file's shape: {@code name} with {@code from}/{@code to}, or {@code cron}/{@code duration}/{@code timeZone}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        if (isRecurring()) {
            json.put("cron", schedule.getExpression());
            json.put("duration", duration.toString());
            json.put("timeZone", zone.getId());
        } else {
            json.put("from", from.toString());
            json.put("to", to.toString());
        }
        return json;
    }
}
