package io.releaseledger.health.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Chromium session of a chromedriver, spoken to in W3C WebDriver over {@code java.net.http}: just what a smoke
 * check needs (navigate, find, read the text, screenshot, console log). Not thread-safe.
 *
 * <pre>{@code
 * try (WebDriverSession session = WebDriverSession.open(driver.getUri(), chromium, args, Duration.ofSeconds(10))) {
 *     session.navigate("http://127.0.0.1:8080/", Duration.ofSeconds(20));
 *     boolean ready = session.findElement("#app", Duration.ofSeconds(5)).isPresent();
 * }
 * }</pre>
 */
public final class WebDriverSession implements AutoCloseable {
    private static final String ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";
    private static final long POLL_MILLIS = 100;
    // The driver's own page-load timeout fires first; this margin only guards against a driver that hangs.
    private static final Duration DRIVER_MARGIN = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern NET_ERROR = Pattern.compile("\\b(?:net::)?(ERR_[A-Z_]+)");

    private final WebDriverClient client;
    private final String id;
    private final String path;
    private Duration commandTimeout = Duration.ofSeconds(10);

    private WebDriverSession(final WebDriverClient client, final String id) {
        this.client = client;
        this.id = id;
        this.path = "session/" + id + "/";
    }

    /**
     * Starts Chromium through the driver, with its browser console log enabled.
     *
     * @param driver    the driver's base URI, such as {@code http://127.0.0.1:9515/}
     * @param chromium  the browser binary ({@code goog:chromeOptions.binary})
     * @param arguments the browser's command line ({@code goog:chromeOptions.args})
     * @param timeout   how long the browser may take to start
     */
    public static WebDriverSession open(final URI driver, final Path chromium, final List<String> arguments,
            final Duration timeout) {
        Map<String, Object> chromeOptions = new LinkedHashMap<>();
        chromeOptions.put("binary", chromium.toString());
        chromeOptions.put("args", List.copyOf(arguments));
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("browserName", "chrome");
        capabilities.put("pageLoadStrategy", "normal");
        capabilities.put("goog:chromeOptions", chromeOptions);
        capabilities.put("goog:loggingPrefs", Map.of("browser", "ALL"));
        WebDriverClient client = new WebDriverClient(driver);
        Object value = client.post("session", Map.of("capabilities", Map.of("alwaysMatch", capabilities)), timeout);
        Object id = value instanceof Map ? ((Map<?, ?>) value).get("sessionId") : null;
        if (!(id instanceof String)) {
            throw new WebDriverException(WebDriverException.UNREACHABLE, "the driver answered no session id: " + value);
        }
        return new WebDriverSession(client, (String) id);
    }

    public String getId() {
        return id;
    }

    /** The limit of one ordinary command (default 10 s); {@link #navigate} and {@link #findElement} have their own. */
    public WebDriverSession setCommandTimeout(final Duration timeout) {
        this.commandTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Opens the URL and waits for its load event.
     *
     * @throws WebDriverException with {@code timeout} when the page did not load in time (the driver then stops
     *         the load), or {@code unknown error} and Chromium's {@code net::ERR_…} when it could not be fetched
     */
    public void navigate(final String url, final Duration pageLoadTimeout) {
        client.post(path + "timeouts", Map.of("pageLoad", Math.max(1, pageLoadTimeout.toMillis())), commandTimeout);
        client.post(path + "url", Map.of("url", url), pageLoadTimeout.plus(DRIVER_MARGIN));
        // Some failures (an unsafe port, for one) give Chromium's error page and no navigation error.
        if (getCurrentUrl().startsWith("chrome-error:")) {
            Matcher error = NET_ERROR.matcher(getPageText());
            throw new WebDriverException("unknown error", error.find() ? "net::" + error.group(1)
                    : "Chromium shows its error page for " + url);
        }
    }

    /** The HTTP status the current document came with, 0 when unknown (a {@code data:} URL, an older Chromium). */
    public int getResponseStatus() {
        Object status = executeScript("const n = performance.getEntriesByType('navigation')[0];"
                + " return n && n.responseStatus ? n.responseStatus : 0;");
        return status instanceof Number ? ((Number) status).intValue() : 0;
    }

    /** The element's reference once {@code cssSelector} matches, asking again until {@code wait} is over. */
    public Optional<String> findElement(final String cssSelector, final Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Map<String, Object> query = Map.of("using", "css selector", "value", cssSelector);
        while (true) {
            try {
                Object element = client.post(path + "element", query, commandTimeout);
                if (!(element instanceof Map) || !(((Map<?, ?>) element).get(ELEMENT_KEY) instanceof String)) {
                    throw new WebDriverException(WebDriverException.UNREACHABLE, "no element reference in " + element);
                }
                return Optional.of((String) ((Map<?, ?>) element).get(ELEMENT_KEY));
            } catch (WebDriverException e) {
                if (!"no such element".equals(e.getError())) {
                    throw e;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            pause(Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    /** The document's URL; {@code chrome-error://chromewebdata/} while Chromium shows its own error page. */
    public String getCurrentUrl() {
        return String.valueOf(executeScript("return document.URL"));
    }

    /** Runs a synchronous script in the page and returns its result as JSON values. */
    public Object executeScript(final String script, final Object... arguments) {
        return client.post(path + "execute/sync", Map.of("script", script, "args", Arrays.asList(arguments)),
                commandTimeout);
    }

    /** {@code document.body.innerText}: what a person sees, empty when there is no body yet. */
    public String getPageText() {
        Object text = executeScript("return document.body ? document.body.innerText : ''");
        return text == null ? "" : text.toString();
    }

    /** The viewport as a PNG. */
    public byte[] screenshot() {
        return Base64.getMimeDecoder().decode(String.valueOf(client.get(path + "screenshot", commandTimeout)));
    }

    /** Writes {@link #screenshot()} to the file, creating its directory; returns the file. */
    public Path saveScreenshot(final Path file) {
        byte[] png = screenshot();
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            return Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The browser console entries since the last call (chromedriver hands each entry out once). Uses
     * {@code /se/log}, the endpoint of current chromedriver, and the older {@code /log} where that is unknown.
     */
    public List<BrowserLogEntry> getBrowserLog() {
        Map<String, Object> type = Map.of("type", "browser");
        Object value;
        try {
            value = client.post(path + "se/log", type, commandTimeout);
        } catch (WebDriverException e) {
            if (!"unknown command".equals(e.getError())) {
                throw e;
            }
            value = client.post(path + "log", type, commandTimeout);
        }
        List<BrowserLogEntry> entries = new ArrayList<>();
        if (value instanceof List) {
            for (Object item : (List<?>) value) {
                Map<?, ?> entry = (Map<?, ?>) item;
                Object timestamp = entry.get("timestamp");
                entries.add(new BrowserLogEntry(String.valueOf(entry.get("level")),
                        String.valueOf(entry.get("message")),
                        timestamp instanceof Number ? ((Number) timestamp).longValue() : 0));
            }
        }
        return entries;
    }

    /** Ends the session, which closes the browser; a driver that is already gone is no error. */
    @Override
    public void close() {
        try {
            client.delete("session/" + id, CLOSE_TIMEOUT);
        } catch (WebDriverException e) {
            // the driver's process is stopped next anyway, browsers included
        }
    }

    private static void pause(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebDriverException(WebDriverException.NO_ANSWER, "interrupted while waiting for an element", e);
        }
    }

    @Override
    public String toString() {
        return "session " + id + " at " + client.base();
    }
}
