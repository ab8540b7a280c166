package io.releaseledger.health.browser;

import io.releaseledger.json.Json;
import io.releaseledger.json.JsonException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Sends W3C WebDriver commands (JSON over HTTP) to one driver and unwraps {@code value} or the error. */
final class WebDriverClient {
    private static final int MAX_QUOTED = 200;

    private final URI base;
    // Loopback only and never a proxy: the driver runs on this machine.
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    WebDriverClient(final URI base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    URI base() {
        return base;
    }

    Object get(final String path, final Duration timeout) {
        return send("GET", path, null, timeout);
    }

    Object post(final String path, final Map<String, Object> body, final Duration timeout) {
        return send("POST", path, body, timeout);
    }

    Object delete(final String path, final Duration timeout) {
        return send("DELETE", path, null, timeout);
    }

    /** The command's {@code value}; a W3C error or a missing answer becomes a {@link WebDriverException}. */
    private Object send(final String method, final String path, final Map<String, Object> body,
            final Duration timeout) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).method(method, publisher)
                .header("Content-Type", "application/json; charset=utf-8").timeout(positive(timeout)).build();
        String command = method + " " + path;
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new WebDriverException(WebDriverException.NO_ANSWER,
                    "the driver did not answer " + command + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new WebDriverException(WebDriverException.UNREACHABLE,
                    "the driver at " + base + " is unreachable (" + command + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebDriverException(WebDriverException.NO_ANSWER, command + " was interrupted", e);
        }
        return unwrap(command, response);
    }

    private static Object unwrap(final String command, final HttpResponse<String> response) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(response.body());
        } catch (JsonException e) {
            throw new WebDriverException(WebDriverException.UNREACHABLE, command + " answered " + response.statusCode()
                    + " and no WebDriver JSON: " + quote(response.body()), e);
        }
        Object value = json.get("value");
        if (value instanceof Map && ((Map<?, ?>) value).get("error") instanceof String) {
            Map<?, ?> error = (Map<?, ?>) value;
            String message = String.valueOf(error.get("message"));
            // chromedriver appends "(Session info: ...)" and a native stack; the first line says what went wrong.
            int newline = message.indexOf('\n');
            throw new WebDriverException((String) error.get("error"),
                    newline < 0 ? message : message.substring(0, newline));
        }
        if (response.statusCode() >= 400) {
            throw new WebDriverException("unknown error", command + " answered " + response.statusCode() + ": "
                    + quote(response.body()));
        }
        return value;
    }

    private static Duration positive(final Duration timeout) {
        return timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
    }

    private static String quote(final String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return "\"" + (line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "…" : line) + "\"";
    }
}
