package io.releaseledger.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Heartbeat timestamps: epoch seconds (also with decimals), epoch milliseconds, or ISO-8601. */
final class Timestamps {
    /** Epoch values from here on are milliseconds: as seconds they would be after the year 33658. */
    private static final BigDecimal MILLIS_FROM = new BigDecimal("1000000000000");
    private static final int MAX_SHOWN = 40;

    private Timestamps() {
    }

    /** @throws IllegalArgumentException when the text is none of those */
    static Instant parse(final String raw) {
        String text = raw.strip();
        if (text.startsWith("\"") && text.endsWith("\"") && text.length() > 1) {
            text = text.substring(1, text.length() - 1).strip();
        }
        if (text.matches("[0-9]{1,16}(\\.[0-9]{1,9})?")) {
            BigDecimal value = new BigDecimal(text);
            BigDecimal millis = value.compareTo(MILLIS_FROM) >= 0 ? value : value.movePointRight(3);
            return Instant.ofEpochMilli(millis.longValue());
        }
        return iso(text).orElseThrow(() -> new IllegalArgumentException("'" + shorten(raw.strip()) + "' is not a "
                + "timestamp: write epoch seconds, epoch milliseconds or ISO-8601 such as 2026-01-31T12:00:00Z"));
    }

    private static Optional<Instant> iso(final String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC)); // no zone: UTC
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String shorten(final String text) {
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
    }
}
