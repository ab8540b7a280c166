package io.releaseledger.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One item of Nagios plugin performance data: {@code 'label'=value[UOM];[warn];[crit];[min];[max]}. Thresholds are
 * kept as written (they may be ranges such as {@code 10:20}).
 */
public final class PerfDatum {
    private static final Pattern ITEM = Pattern.compile("('(?:[^']|'')+'|[^'=\\s]+)=(-?[0-9.]+|U)([^;0-9.\\s-][^;\\s]*)?"
            + "(?:;([^;\\s]*))?(?:;([^;\\s]*))?(?:;([^;\\s]*))?(?:;([^;\\s]*))?");

    private final String label;
    private final String value;
    private final String unit;
    private final String warning;
    private final String critical;
    private final String min;
    private final String max;

    PerfDatum(final String label, final String value, final String unit, final String warning, final String critical,
            final String min, final String max) {
        this.label = Objects.requireNonNull(label, "label");
        this.value = Objects.requireNonNull(value, "value");
        this.unit = emptyToNull(unit);
        this.warning = emptyToNull(warning);
        this.critical = emptyToNull(critical);
        this.min = emptyToNull(min);
        this.max = emptyToNull(max);
    }

    /** The items of a performance data text; what is not an item is skipped. */
    public static List<PerfDatum> parse(final String text) {
        List<PerfDatum> data = new ArrayList<>();
        if (text == null) {
            return data;
        }
        Matcher matcher = ITEM.matcher(text.strip());
        while (matcher.find()) {
            String label = matcher.group(1);
            if (label.startsWith("'")) {
                label = label.substring(1, label.length() - 1).replace("''", "'");
            }
            data.add(new PerfDatum(label, matcher.group(2), matcher.group(3), matcher.group(4), matcher.group(5),
                    matcher.group(6), matcher.group(7)));
        }
        return data;
    }

    private static String emptyToNull(final String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    public String getLabel() {
        return label;
    }

    /** The value as written ({@code U} when the plugin could not measure it). */
    public String getValue() {
        return value;
    }

    /** {@code s}, {@code ms}, {@code %}, {@code B}, {@code KB}, {@code c}…, or {@code null}. */
    public String getUnit() {
        return unit;
    }

    public String getWarning() {
        return warning;
    }

    public String getCritical() {
        return critical;
    }

    public String getMin() {
        return min;
    }

    public String getMax() {
        return max;
    }

    /** {@code {label, value, unit?, warn?, crit?, min?, max?}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", label);
        json.put("value", value);
        put(json, "unit", unit);
        put(json, "warn", warning);
        put(json, "crit", critical);
        put(json, "min", min);
        put(json, "max", max);
        return json;
    }

    private static void put(final Map<String, Object> json, final String key, final String value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    @Override
    public String toString() {
        return label + "=" + value + (unit == null ? "" : unit);
    }
}
