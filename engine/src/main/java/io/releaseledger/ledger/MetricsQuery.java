package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link LedgerView#metrics} computes: the window of {@code weeks} weeks that ends at {@code until} (now when not
 * set), one environment or all, and how soon a patch release must follow a deploy to count as its fix
 * (docs/metrics.md). Required arguments: none; every setter checks its value and says how to fix it.
 */
public final class MetricsQuery {
    public static final int DEFAULT_WEEKS = 12;
    public static final int MAX_WEEKS = 520;
    public static final Duration DEFAULT_FIX_WINDOW = Duration.ofHours(24);
    public static final Duration MAX_FIX_WINDOW = Duration.ofDays(30);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})(m|h|d)");

    private String environment;
    private Instant until;
    private int weeks = DEFAULT_WEEKS;
    private Duration fixWindow = DEFAULT_FIX_WINDOW;

    /** Only this environment; {@code null} or blank: every environment. */
    public MetricsQuery setEnvironment(final String environment) {
        this.environment = environment == null || environment.isBlank() ? null : environment;
        return this;
    }

    /** The end of the window (exclusive); {@code null}: now. Events at or after it are not looked at. */
    public MetricsQuery setUntil(final Instant until) {
        this.until = until;
        return this;
    }

    /** The window's length in weeks, from 1 to {@value #MAX_WEEKS}; the trend has one point per week. */
    public MetricsQuery setWeeks(final int weeks) {
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new ReleaseLedgerException("The metrics window must be 1 to " + MAX_WEEKS + " weeks, not " + weeks
                    + ".");
        }
        this.weeks = weeks;
        return this;
    }

    /** How soon after a deploy a patch release must be deployed to count as its fix: more than 0, at most 30 days. */
    public MetricsQuery setFixWindow(final Duration fixWindow) {
        if (fixWindow == null || fixWindow.isZero() || fixWindow.isNegative() || fixWindow.compareTo(MAX_FIX_WINDOW) > 0) {
            throw new ReleaseLedgerException("The fix window must be more than 0 and at most 30 days (e.g. 24h), not "
                    + fixWindow + ".");
        }
        this.fixWindow = fixWindow;
        return this;
    }

    /**
     * The query of {@code api/metrics?environment=NAME&weeks=12&until=2026-11-30&fixWindow=24h}, as the CLI's server
     * and the Jenkins plugin read it; missing or blank parameters keep their defaults.
     *
     * @throws ReleaseLedgerException naming the parameter and what it takes, when one is not understood
     */
    public static MetricsQuery of(final Map<String, String> parameters) {
        MetricsQuery query = new MetricsQuery().setEnvironment(parameters.get("environment"));
        String weeks = blankToNull(parameters.get("weeks"));
        if (weeks != null) {
            try {
                query.setWeeks(Integer.parseInt(weeks));
            } catch (NumberFormatException e) {
                throw new ReleaseLedgerException("weeks must be a whole number from 1 to " + MAX_WEEKS + ", not '"
                        + weeks + "'.");
            }
        }
        String until = blankToNull(parameters.get("until"));
        if (until != null) {
            query.setUntil(instant(until));
        }
        String fixWindow = blankToNull(parameters.get("fixWindow"));
        if (fixWindow != null) {
            query.setFixWindow(duration(fixWindow));
        }
        return query;
    }

    /** An ISO-8601 instant, or a date (its midnight UTC). */
    public static Instant instant(final String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeException e) {
            throw new ReleaseLedgerException("until must be a date (2026-11-30) or an instant (2026-11-30T12:00:00Z), "
                    + "not '" + text + "'.");
        }
    }

    /** {@code 90m}, {@code 24h}, {@code 2d} or ISO-8601 ({@code PT24H}). */
    public static Duration duration(final String text) {
        Matcher matcher = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeException e) {
            throw new ReleaseLedgerException("The fix window must be a duration such as 24h, 90m, 2d or PT24H, not '"
                    + text + "'.");
        }
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String getEnvironment() {
        return environment;
    }

    public Instant getUntil() {
        return until;
    }

    public int getWeeks() {
        return weeks;
    }

    public Duration getFixWindow() {
        return fixWindow;
    }
}
