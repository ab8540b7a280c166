package io.releaseledger.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Instants as ISO-8601 text, the way {@link Instant#toString()} writes them and {@link Instant#parse} reads them, with
 * a short path for whole seconds between 1970 and 9999 ({@code 2026-12-05T23:12:21Z}, what git's commit times are):
 * a release records the time of each of its commits, tens of thousands of them, and java.time's formatter costs
 * several microseconds each in a short-lived process. Anything else takes java.time's own path, so the text is the
 * same either way.
 */
public final class InstantText {
    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;
    private static final int LENGTH = "1970-01-01T00:00:00Z".length();

    private InstantText() {
    }

    /** The text {@link Instant#toString()} gives. */
    public static String format(final Instant instant) {
        long seconds = instant.getEpochSecond();
        if (instant.getNano() != 0 || seconds < 0 || seconds > LAST_SECOND_OF_9999) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        char[] text = new char[LENGTH];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = 'Z';
        return new String(text);
    }

    /**
     * The epoch milliseconds of what {@link Instant#parse} reads.
     *
     * @throws DateTimeParseException when it is not an ISO-8601 instant
     * @throws ArithmeticException when the instant does not fit in epoch milliseconds
     */
    public static long parseEpochMilli(final CharSequence text) {
        if (text.length() == LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            int year = number(text, 0, 4);
            int month = number(text, 5, 2);
            int day = number(text, 8, 2);
            int hour = number(text, 11, 2);
            int minute = number(text, 14, 2);
            int second = number(text, 17, 2);
            if (year >= 1970 && month >= 1 && day >= 1 && hour >= 0 && hour < 24 && minute >= 0 && minute < 60
                    && second >= 0 && second < 60) {
                try {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    return (days * 86_400L + hour * 3600L + minute * 60L + second) * 1000L;
                } catch (DateTimeException e) {
                    // not a date (February 30th): java.time's own path says so
                }
            }
        }
        return Instant.parse(text).toEpochMilli();
    }

    private static void digits(final char[] text, final int at, final int value, final int width) {
        int rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }

    // -1 when one of the characters is not an ASCII digit: the caller's range checks send that to java.time
    private static int number(final CharSequence text, final int at, final int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
