package io.releaseledger.policy;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) with lists, ranges, steps and
 * the names {@code JAN}–{@code DEC} and {@code SUN}–{@code SAT} (0 and 7 are Sunday). As in cron, when both day
 * fields are restricted a day matching either counts. Times are read in the zone of the instant given.
 */
public final class CronSchedule {
    /** How far {@link #next} looks: an expression with no time in this span never matches. */
    static final int HORIZON_YEARS = 5;
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String expression;
    private final CronField minute;
    private final CronField hour;
    private final CronField dayOfMonth;
    private final CronField month;
    private final CronField dayOfWeek;

    private CronSchedule(final String expression, final String[] fields) {
        this.expression = expression;
        minute = CronField.parse(expression, fields[0], "minute", 0, 59, List.of());
        hour = CronField.parse(expression, fields[1], "hour", 0, 23, List.of());
        dayOfMonth = CronField.parse(expression, fields[2], "day-of-month", 1, 31, List.of());
        month = CronField.parse(expression, fields[3], "month", 1, 12, MONTHS);
        dayOfWeek = CronField.parse(expression, fields[4], "day-of-week", 0, 7, DAYS);
    }

    /**
     * @throws PolicyException when the expression is not five valid fields, or names no time that exists
     *         (such as {@code 0 0 31 2 *})
     */
    public static CronSchedule parse(final String expression) {
        String text = expression == null ? "" : expression.trim();
        String[] fields = text.isEmpty() ? new String[0] : text.split("\\s+");
        if (fields.length != 5) {
            throw new PolicyException("The cron expression '" + text + "' is not valid: it has " + fields.length
                    + " fields. Write five: minute hour day-of-month month day-of-week, e.g. '0 18 * * FRI'.");
        }
        CronSchedule schedule = new CronSchedule(text, fields);
        if (schedule.next(ZonedDateTime.parse("2000-01-01T00:00Z")).isEmpty()) {
            throw new PolicyException("The cron expression '" + text + "' is not valid: it names no time that exists "
                    + "(such as 31 February). Pick a day that every matching month has.");
        }
        return schedule;
    }

    public String getExpression() {
        return expression;
    }

    /** The first matching minute strictly after {@code time}; empty if none within {@value #HORIZON_YEARS} years. */
    public Optional<ZonedDateTime> next(final ZonedDateTime time) {
        ZonedDateTime limit = time.plusYears(HORIZON_YEARS);
        ZonedDateTime at = time.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        while (at.isBefore(limit)) {
            if (!month.matches(at.getMonthValue())) {
                at = at.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(at)) {
                at = at.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hour.matches(at.getHour())) {
                at = at.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minute.matches(at.getMinute())) {
                at = at.plusMinutes(1);
            } else {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    /** The last matching minute at or before {@code time}, not earlier than {@code earliest}; empty if none. */
    public Optional<ZonedDateTime> previous(final ZonedDateTime time, final ZonedDateTime earliest) {
        ZonedDateTime at = time.truncatedTo(ChronoUnit.MINUTES);
        while (!at.isBefore(earliest)) {
            if (!month.matches(at.getMonthValue())) {
                at = at.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
            } else if (!dayMatches(at)) {
                at = at.truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
            } else if (!hour.matches(at.getHour())) {
                at = at.truncatedTo(ChronoUnit.HOURS).minusMinutes(1);
            } else if (!minute.matches(at.getMinute())) {
                at = at.minusMinutes(1);
            } else {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(final ZonedDateTime at) {
        int weekday = at.getDayOfWeek().getValue() % 7;
        boolean byWeekday = dayOfWeek.matches(weekday) || weekday == 0 && dayOfWeek.matches(7);
        boolean byDate = dayOfMonth.matches(at.getDayOfMonth());
        if (dayOfMonth.isStar() || dayOfWeek.isStar()) {
            return byWeekday && byDate;
        }
        return byWeekday || byDate;
    }

    @Override
    public String toString() {
        return expression;
    }
}
