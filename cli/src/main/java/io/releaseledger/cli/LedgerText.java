package io.releaseledger.cli;

import io.releaseledger.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the ledger's JSON into text for a terminal: times, people, builds, and aligned tables. */
final class LedgerText {
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private LedgerText() {
    }

    static void closeQuietly(final Object resource) {
        if (resource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Nothing to add: the command's outcome is already decided.
            }
        }
    }

    /** Deletes a temporary directory and what it holds; {@code null} is nothing to delete. */
    static void deleteQuietly(final java.nio.file.Path directory) {
        if (directory == null) {
            return;
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(directory)) {
            for (java.nio.file.Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            // A temporary directory left behind harms nothing; the command's outcome is already decided.
        }
    }

    /** A JSON document as text, whether the engine gives a map or the text itself. */
    static String json(final Object document) {
        return document instanceof String text ? Json.writePretty(Json.parse(text)) : Json.writePretty(document);
    }

    /** A JSON document as a map, whether the engine gives a map or the text itself. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(final Object document) {
        return document instanceof String text ? Json.parseObject(text) : (Map<String, Object>) document;
    }

    /**
     * Text from the ledger, safe for a terminal: control characters (escape sequences in a commit message)
     * become {@code ?}.
     */
    static String clean(final Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }

    /** "2026-11-22 10:15:30Z (3 h ago)", or the text as it is when it is no time. */
    static String when(final Object value, final Instant now) {
        if (!(value instanceof String text) || text.isEmpty()) {
            return "";
        }
        try {
            Instant time = Instant.parse(text);
            return EXACT.format(time) + " (" + ago(Duration.between(time, now)) + ")";
        } catch (DateTimeParseException e) {
            return clean(text);
        }
    }

    static String ago(final Duration elapsed) {
        long seconds = elapsed.getSeconds();
        String suffix = seconds >= 0 ? " ago" : " from now";
        seconds = Math.abs(seconds);
        if (seconds < 60) {
            return seconds + " s" + suffix;
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + suffix;
        }
        if (seconds < 86400) {
            return seconds / 3600 + " h" + suffix;
        }
        return seconds / 86400 + " d" + suffix;
    }

    static String person(final Object value) {
        if (value instanceof Map<?, ?> person) {
            Object name = person.get("name");
            Object id = person.get("id");
            if (name != null && id != null && !name.equals(id)) {
                return clean(name) + " (" + clean(id) + ")";
            }
            return clean(name != null ? name : id);
        }
        return "";
    }

    static String build(final Object value) {
        if (value instanceof Map<?, ?> build) {
            Object job = build.get("job");
            Object number = build.get("number");
            return ((job == null ? "" : clean(job) + " ") + (number == null ? "" : "#" + clean(number))).trim();
        }
        return "";
    }

    static String image(final Object value) {
        if (value instanceof Map<?, ?> image) {
            String name = clean(image.get("repository")) + (image.get("tag") == null ? "" : ":" + clean(image.get("tag")));
            Object digest = image.get("digest");
            return digest == null ? name : name + "@" + clean(digest);
        }
        return "";
    }

    static String string(final Map<?, ?> map, final String key) {
        return map == null ? "" : clean(map.get(key));
    }

    /** Columns padded to the widest cell; the last column is not padded. */
    static String table(final List<String> header, final List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }
}
