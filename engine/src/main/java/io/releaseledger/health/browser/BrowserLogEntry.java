package io.releaseledger.health.browser;

import java.util.Objects;

/** One line of the browser's console log as chromedriver reports it ({@code SEVERE}, {@code WARNING}, {@code INFO}). */
public final class BrowserLogEntry {
    /** The level of {@code console.error}, uncaught exceptions and failed resource loads. */
    public static final String SEVERE = "SEVERE";

    private final String level;
    private final String message;
    private final long timestamp;

    public BrowserLogEntry(final String level, final String message, final long timestamp) {
        this.level = Objects.requireNonNull(level, "level");
        this.message = Objects.requireNonNull(message, "message");
        this.timestamp = timestamp;
    }

    public String getLevel() {
        return level;
    }

    /** Such as {@code console-api 12:9 "boom"} or {@code http://…/app.js 3:1 Uncaught TypeError: …}. */
    public String getMessage() {
        return message;
    }

    /** Milliseconds since the epoch. */
    public long getTimestamp() {
        return timestamp;
    }

    public boolean isSevere() {
        return SEVERE.equals(level);
    }

    @Override
    public String toString() {
        return level + " " + message;
    }
}
