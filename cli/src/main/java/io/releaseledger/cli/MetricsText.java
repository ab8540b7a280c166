package io.releaseledger.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON of {@code api/metrics} as a table for people and as CSV for spreadsheets. */
final class MetricsText {
    static final String CSV_HEADER = "environment,from,until,deployments,lead_time_median_seconds,change_failure_rate,"
            + "failures,time_to_restore_median_seconds";

    private MetricsText() {
    }

    static String table(final Map<String, Object> metrics) {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append("Delivery of ").append(LedgerText.clean(metrics.get("application"))).append(" over ")
                .append(LedgerText.clean(metrics.get("weeks"))).append(" weeks, ").append(day(metrics.get("from")))
                .append(" to ").append(day(metrics.get("until"))).append(" (a patch release within ")
                .append(duration(seconds(metrics.get("fixWindow")))).append(" is a fix)").append(nl).append(nl);
        List<Map<String, Object>> environments = StatusCommand.list(metrics.get("environments"));
        if (environments.isEmpty()) {
            return text.append("No environment yet: nothing has been deployed.").append(nl).toString();
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> environment : environments) {
            Map<String, Object> frequency = map(environment.get("deploymentFrequency"));
            Map<String, Object> lead = map(environment.get("leadTime"));
            Map<String, Object> failure = map(environment.get("changeFailureRate"));
            Map<String, Object> restore = map(environment.get("timeToRestore"));
            rows.add(List.of(LedgerText.clean(environment.get("name")),
                    LedgerText.clean(frequency.get("deployments")),
                    String.format(Locale.ROOT, "%.1f", number(frequency.get("perWeek"))),
                    median(lead.get("medianSeconds"), lead.get("changes"), "change"),
                    rate(failure),
                    median(restore.get("medianSeconds"), restore.get("restored"), "restore")
                            + (number(restore.get("open")) > 0 ? ", " + LedgerText.clean(restore.get("open")) + " open" : "")));
        }
        text.append(LedgerText.table(List.of("ENVIRONMENT", "DEPLOYS", "PER WEEK", "LEAD TIME (MEDIAN)",
                "CHANGE FAILURE RATE", "TIME TO RESTORE (MEDIAN)"), rows));
        return text.toString();
    }

    /** One line per environment and week, oldest first, then one for the environment's whole window. */
    static String csv(final Map<String, Object> metrics) {
        String nl = "\r\n";
        StringBuilder text = new StringBuilder(CSV_HEADER).append(nl);
        for (Map<String, Object> environment : StatusCommand.list(metrics.get("environments"))) {
            String name = cell(environment.get("name"));
            List<Map<String, Object>> weeks = StatusCommand.list(environment.get("weeks"));
            for (int i = 0; i < weeks.size(); i++) {
                Map<String, Object> week = weeks.get(i);
                Object end = i + 1 < weeks.size() ? weeks.get(i + 1).get("from") : metrics.get("until");
                text.append(String.join(",", name, cell(week.get("from")), cell(end), cell(week.get("deployments")),
                        cell(week.get("leadTimeSeconds")), cell(week.get("changeFailureRate")),
                        cell(week.get("failures")), cell(week.get("timeToRestoreSeconds")))).append(nl);
            }
            Map<String, Object> failure = map(environment.get("changeFailureRate"));
            text.append(String.join(",", name, cell(metrics.get("from")), cell(metrics.get("until")),
                    cell(map(environment.get("deploymentFrequency")).get("deployments")),
                    cell(map(environment.get("leadTime")).get("medianSeconds")), cell(failure.get("rate")),
                    cell(failure.get("failures")), cell(map(environment.get("timeToRestore")).get("medianSeconds"))))
                    .append(nl);
        }
        return text.toString();
    }

    /** A CSV field (RFC 4180): empty for none, quoted when it holds a comma, quote or line break. */
    static String cell(final Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        if (text.startsWith("=") || text.startsWith("+") || text.startsWith("-") || text.startsWith("@")) {
            // a spreadsheet would take it for a formula
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** Whole seconds as days, hours, minutes: {@code 2 d 3 h}, {@code 5 h 12 m}, {@code 14 m}, {@code 45 s}. */
    static String duration(final long seconds) {
        Duration duration = Duration.ofSeconds(seconds);
        if (duration.toDays() > 0) {
            return duration.toDays() + " d" + (duration.toHoursPart() > 0 ? " " + duration.toHoursPart() + " h" : "");
        }
        if (duration.toHours() > 0) {
            return duration.toHours() + " h" + (duration.toMinutesPart() > 0 ? " " + duration.toMinutesPart() + " m" : "");
        }
        if (duration.toMinutes() > 0) {
            return duration.toMinutes() + " m";
        }
        return duration.getSeconds() + " s";
    }

    private static String median(final Object seconds, final Object count, final String what) {
        long n = (long) number(count);
        if (seconds == null) {
            return "—";
        }
        return duration((long) number(seconds)) + " (" + n + " " + what + (n == 1 ? ")" : "s)");
    }

    private static String rate(final Map<String, Object> failure) {
        if (failure.get("rate") == null) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.1f %% (%d of %d)", number(failure.get("rate")) * 100,
                (long) number(failure.get("failures")), (long) number(failure.get("deployments")));
    }

    private static long seconds(final Object isoDuration) {
        try {
            return Duration.parse(String.valueOf(isoDuration)).getSeconds();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String day(final Object instant) {
        try {
            return Instant.parse(String.valueOf(instant)).toString().substring(0, 10);
        } catch (RuntimeException e) {
            return LedgerText.clean(instant);
        }
    }

    private static double number(final Object value) {
        return value instanceof Number number ? number.doubleValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }
}
