package io.releaseledger.policy;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/** One field of a five-field cron expression: the values it allows, from lists, ranges, steps and names. */
final class CronField {
    private final String name;
    private final int min;
    private final int max;
    private final BitSet allowed = new BitSet();
    private final boolean star;

    private CronField(final String name, final int min, final int max, final boolean star) {
        this.name = name;
        this.min = min;
        this.max = max;
        this.star = star;
    }

    /**
     * @param names names for the values from {@code min} on ({@code JAN}…, {@code SUN}…), or empty
     * @throws PolicyException naming the field and what it accepts
     */
    static CronField parse(final String expression, final String text, final String name, final int min,
            final int max, final List<String> names) {
        CronField field = new CronField(name, min, max, text.startsWith("*"));
        for (String part : text.split(",", -1)) {
            field.add(expression, part, names);
        }
        return field;
    }

    private void add(final String expression, final String part, final List<String> names) {
        String range = part;
        int step = 1;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            range = part.substring(0, slash);
            step = number(expression, part.substring(slash + 1), List.of());
            if (step < 1) {
                throw problem(expression, "the step after '/' must be at least 1");
            }
        }
        int from;
        int to;
        if ("*".equals(range)) {
            from = min;
            to = max;
        } else if (range.contains("-")) {
            String[] ends = range.split("-", -1);
            if (ends.length != 2) {
                throw problem(expression, "'" + range + "' is not a range like 1-5");
            }
            from = number(expression, ends[0], names);
            to = number(expression, ends[1], names);
        } else {
            from = number(expression, range, names);
            to = slash >= 0 ? max : from;
        }
        if (from < min || to > max || from > to) {
            throw problem(expression, "'" + part + "' is outside " + min + "-" + max);
        }
        for (int value = from; value <= to; value += step) {
            allowed.set(value);
        }
    }

    private int number(final String expression, final String text, final List<String> names) {
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (index >= 0) {
            return min + index;
        }
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 4) {
            throw problem(expression, "'" + text + "' is not a number" + (names.isEmpty() ? ""
                    : " or one of " + String.join(", ", names)));
        }
        return Integer.parseInt(text);
    }

    private PolicyException problem(final String expression, final String what) {
        return new PolicyException("The cron expression '" + expression + "' is not valid: in the " + name
                + " field, " + what + ". Write five fields: minute hour day-of-month month day-of-week, e.g. "
                + "'0 18 * * FRI'.");
    }

    boolean matches(final int value) {
        return allowed.get(value);
    }

    /** Whether the field was written as {@code *} (matters for the day-of-month/day-of-week rule). */
    boolean isStar() {
        return star;
    }
}
