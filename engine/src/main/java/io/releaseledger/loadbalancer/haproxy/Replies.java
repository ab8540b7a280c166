package io.releaseledger.loadbalancer.haproxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the tables HAProxy's runtime API answers with. Columns are found by their header name, never by position,
 * because HAProxy versions add, drop and move columns. A row misses the columns it is too short for.
 */
final class Replies {
    private Replies() {
    }

    /** The reply to {@code show servers state}: an optional format version line, a "# " header, space-separated rows. */
    static List<Map<String, String>> serversState(final String reply) {
        List<String> lines = lines(reply);
        int header = 0;
        if (header < lines.size() && lines.get(header).matches("\\d+")) {
            header++;
        }
        if (header >= lines.size() || !lines.get(header).startsWith("#")) {
            throw new IllegalArgumentException(firstLine(reply));
        }
        String[] names = lines.get(header).substring(1).trim().split("\\s+");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            rows.add(row(names, line.trim().split("\\s+")));
        }
        return rows;
    }

    /** The reply to {@code show stat} (or {@code show backend}): a "# " header and comma-separated rows (CSV quoting). */
    static List<Map<String, String>> csv(final String reply) {
        List<String> lines = lines(reply);
        if (lines.isEmpty() || !lines.get(0).startsWith("#")) {
            throw new IllegalArgumentException(firstLine(reply));
        }
        String[] names = fields(lines.get(0).substring(1).trim()).toArray(new String[0]);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(row(names, fields(line).toArray(new String[0])));
        }
        return rows;
    }

    /** The first line of a reply, trimmed: what HAProxy says when it refuses a command. */
    static String firstLine(final String reply) {
        String trimmed = reply.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end).strip();
    }

    private static List<String> lines(final String reply) {
        List<String> lines = new ArrayList<>();
        for (String line : reply.split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static Map<String, String> row(final String[] names, final String[] values) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < names.length && i < values.length; i++) {
            if (!names[i].isEmpty()) {
                row.putIfAbsent(names[i], values[i]);
            }
        }
        return Collections.unmodifiableMap(row);
    }

    /** Splits one CSV line; a field in double quotes may hold commas, and "" inside it is one quote. */
    static List<String> fields(final String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
