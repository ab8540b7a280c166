package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;
import java.time.Duration;
import java.time.Instant;

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
