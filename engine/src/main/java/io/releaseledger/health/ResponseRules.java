package io.releaseledger.health;

import io.releaseledger.json.Json;
import io.releaseledger.json.JsonException;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;

/** What an http check asks of an answer besides its status: body, JSON fields, headers and latency. */
final class ResponseRules {
    private static final int CONTEXT = 60;

    final List<String> contains = new ArrayList<>();
    final List<Pattern> matches = new ArrayList<>();
    final List<String> mustNotContain = new ArrayList<>();
    List<String> forbidden = List.of();
    final Map<String, String> jsonEquals = new LinkedHashMap<>();
    final Map<String, String> headerEquals = new LinkedHashMap<>();
    Duration latency;

    /** Why the answer fails, or empty when it passes. */
    Optional<Verdict> judge(final HttpHeaders headers, final byte[] body, final long millis) {
        if (latency != null && millis > latency.toMillis()) {
            return Optional.of(new Verdict("answer within " + Durations.format(latency),
                    "answer in " + millis + " ms", "too slow: " + millis + " ms, budget " + Durations.format(latency)));
        }
        for (Map.Entry<String, String> header : headerEquals.entrySet()) {
            Optional<String> value = headers.firstValue(header.getKey());
            if (value.isEmpty() || !value.get().equals(header.getValue())) {
                return Optional.of(new Verdict("header " + header.getKey() + ": " + header.getValue(),
                        value.map(v -> "header " + header.getKey() + ": " + v).orElse("no header " + header.getKey()),
                        "header " + header.getKey() + " is " + value.map(v -> "'" + v + "'").orElse("missing")
                                + ", expected '" + header.getValue() + "'"));
            }
        }
        if (contains.isEmpty() && matches.isEmpty() && mustNotContain.isEmpty() && forbidden.isEmpty()
                && jsonEquals.isEmpty()) {
            return Optional.empty();
        }
        if (BoundedBody.isCut(body)) {
            String limit = BoundedBody.describeLimit();
            return Optional.of(new Verdict("a body of at most " + limit, "a body longer than " + limit,
                    "the body is longer than " + limit + " (checks read no further)"));
        }
        String text = new String(body, StandardCharsets.UTF_8);
        for (String wanted : contains) {
            if (!text.contains(wanted)) {
                return Optional.of(new Verdict("body contains \"" + wanted + "\"", text,
                        "the body does not contain \"" + wanted + "\""));
            }
        }
        for (Pattern pattern : matches) {
            if (!pattern.matcher(text).find()) {
                return Optional.of(new Verdict("body matches /" + pattern.pattern() + "/", text,
                        "the body does not match /" + pattern.pattern() + "/"));
            }
        }
        Optional<Verdict> unwanted = unwanted(text, mustNotContain, "the body contains");
        if (unwanted.isPresent()) {
            return unwanted;
        }
        unwanted = unwanted(text, forbidden, "the body contains the forbidden string");
        if (unwanted.isPresent()) {
            return unwanted;
        }
        return json(text);
    }

    /** Case-insensitive search; the actual value is the text around the hit, so it shows in the result. */
    private static Optional<Verdict> unwanted(final String text, final List<String> strings, final String what) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String string : strings) {
            int at = lower.indexOf(string.toLowerCase(Locale.ROOT));
            if (at >= 0) {
                String around = text.substring(Math.max(0, at - CONTEXT), Math.min(text.length(),
                        at + string.length() + CONTEXT));
                return Optional.of(new Verdict("body without \"" + string + "\"", "…" + around + "…",
                        what + " \"" + string + "\""));
            }
        }
        return Optional.empty();
    }

    private Optional<Verdict> json(final String text) {
        if (jsonEquals.isEmpty()) {
            return Optional.empty();
        }
        Object document;
        try {
            document = Json.parse(text);
        } catch (JsonException e) {
            return Optional.of(new Verdict("a JSON body", text, "the body is not JSON: " + e.getMessage()));
        }
        for (Map.Entry<String, String> field : jsonEquals.entrySet()) {
            String pointer = field.getKey();
            try {
                String actual = JsonPointer.text(JsonPointer.resolve(document, pointer));
                if (!actual.equals(field.getValue())) {
                    return Optional.of(new Verdict(pointer + " = " + field.getValue(), pointer + " = " + actual,
                            "JSON " + pointer + " is " + actual + ", expected " + field.getValue()));
                }
            } catch (NoSuchElementException e) {
                return Optional.of(new Verdict(pointer + " = " + field.getValue(), text, "JSON " + pointer
                        + " not found: " + e.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** A failed rule: what was expected, what came, and one sentence. */
    static final class Verdict {
        final String expected;
        final String actual;
        final String detail;

        Verdict(final String expected, final String actual, final String detail) {
            this.expected = expected;
            this.actual = actual;
            this.detail = detail;
        }
    }
}
