package io.releaseledger.health;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.descriptor.BrowserCheckSpec;
import io.releaseledger.health.browser.BrowserLogEntry;
import io.releaseledger.health.browser.ChromiumInstallation;
import io.releaseledger.health.browser.ChromiumNotFoundException;
import io.releaseledger.health.browser.HeadlessChromium;
import io.releaseledger.health.browser.WebDriverException;
import io.releaseledger.health.browser.WebDriverSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A page opened in headless Chromium: it loads within the timeout, answers no error status, a CSS selector appears
 * and/or a text is shown, and the console has no {@code SEVERE} entry except allowed ones. A failure saves a
 * screenshot and names its file in the detail. The timeout covers the page (loading, waiting, the console) and starts
 * once Chromium is up: a slow start on a loaded agent does not eat the page's time, and has its own limit
 * ({@link #setStartTimeout}). Every run has its own chromedriver and profile, stopped and deleted afterwards.
 *
 * <pre>{@code
 * new BrowserCheck("browser /", "/").setWaitFor("#app").setTimeout(Duration.ofSeconds(20)).run(target);
 * }</pre>
 */
public final class BrowserCheck implements HealthCheck {
    static final String KIND = "browser";
    /** Where screenshots go unless set: relative, so the workspace of a Jenkins build, ready to archive. */
    static final Path DEFAULT_SCREENSHOTS = Path.of("release-ledger-screenshots");
    private static final Pattern NET_ERROR = Pattern.compile("net::ERR_[A-Z_]+");
    private static final Duration SCREENSHOT_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 100;
    private static final int MAX_QUOTED = 120;
    private static final int MAX_ERRORS = 3;
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final String urlTemplate;
    private String waitFor;
    private String text;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private Path screenshotDirectory = DEFAULT_SCREENSHOTS;
    private List<String> allowedConsoleErrors = List.of();
    private Map<String, String> environment = System.getenv();

    /** @param urlTemplate {@code /} or a path, or a URL with {@code {address}} and {@code {port}} */
    public BrowserCheck(final String name, final String urlTemplate) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(urlTemplate, "urlTemplate");
        this.urlTemplate = urlTemplate.startsWith("/") ? "http://{address}:{port}" + urlTemplate : urlTemplate;
    }

    /** The check the descriptor declares; its URL may hold only {@code {address}} and {@code {port}} by now. */
    public BrowserCheck(final String name, final BrowserCheckSpec spec) {
        this(name, spec.getUrl());
        setWaitFor(spec.getWaitFor()).setText(spec.getText()).setTimeout(spec.getTimeout())
                .setAllowedConsoleErrors(spec.getAllowedConsoleErrors());
        if (spec.getScreenshotDirectory() != null) {
            setScreenshotDirectory(Path.of(spec.getScreenshotDirectory()));
        }
    }

    /** A CSS selector that must match once the page has loaded (waited for); {@code null} for none. */
    public BrowserCheck setWaitFor(final String cssSelector) {
        this.waitFor = cssSelector;
        return this;
    }

    /** Text the page must show ({@code document.body.innerText}, waited for); {@code null} for none. */
    public BrowserCheck setText(final String text) {
        this.text = text;
        return this;
    }

    /** The page's limit, counted from the moment Chromium is up (default 30 s). */
    public BrowserCheck setTimeout(final Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /** How long chromedriver and Chromium may take to start, before the page's timeout begins (default 60 s). */
    public BrowserCheck setStartTimeout(final Duration startTimeout) {
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, not " + startTimeout);
        }
        this.startTimeout = startTimeout;
        return this;
    }

    /** Where a failure's screenshot is saved (default {@code release-ledger-screenshots} in the working directory). */
    public BrowserCheck setScreenshotDirectory(final Path directory) {
        this.screenshotDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** Substrings of console errors that do not fail the check, such as {@code favicon.ico}. */
    public BrowserCheck setAllowedConsoleErrors(final List<String> allowed) {
        this.allowedConsoleErrors = List.copyOf(allowed);
        return this;
    }

    /** Where {@code RELEASE_LEDGER_CHROMIUM}, {@code RELEASE_LEDGER_CHROMEDRIVER} and {@code PATH} are read. */
    public BrowserCheck setEnvironment(final Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getKind() {
        return KIND;
    }

    public Duration getTimeout() {
        return timeout;
    }

    @Override
    public CheckResult run(final CheckTarget target) {
        long start = System.nanoTime();
        ChromiumInstallation installation;
        try {
            installation = ChromiumInstallation.find(environment);
        } catch (ChromiumNotFoundException e) {
            return CheckResult.fatal(name, KIND, e.getMessage(), Durations.millisSince(start));
        }
        HeadlessChromium browser;
        try {
            browser = HeadlessChromium.start(installation, startTimeout);
        } catch (ReleaseLedgerException | UncheckedIOException e) {
            return CheckResult.failed(name, KIND, e.getMessage(), Durations.millisSince(start));
        }
        long startMillis = Durations.millisSince(start);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (browser) {
            String url = Placeholders.fill(urlTemplate, target);
            WebDriverSession session = browser.session().setCommandTimeout(left(deadline).plusSeconds(1));
            List<String> problems = new ArrayList<>();
            String seen = inspect(session, url, deadline, startMillis, problems);
            if (problems.isEmpty()) {
                return CheckResult.passed(name, KIND, seen, Durations.millisSince(start));
            }
            String detail = String.join("; ", problems) + screenshot(session);
            return CheckResult.failed(name, KIND, detail, Durations.millisSince(start));
        }
    }

    /** Adds what is wrong with the page to {@code problems}; returns what was seen, for a pass. */
    private String inspect(final WebDriverSession session, final String url, final long deadline,
            final long startMillis, final List<String> problems) {
        try {
            long navigation = System.nanoTime();
            String loadProblem = load(session, url, deadline, startMillis);
            if (loadProblem != null) {
                problems.add(loadProblem);
                return "";
            }
            List<String> seen = new ArrayList<>(List.of(url + " loaded in " + Durations.millisSince(navigation)
                    + " ms"));
            if (waitFor != null) {
                if (session.findElement(waitFor, left(deadline)).isPresent()) {
                    seen.add(waitFor + " present");
                } else {
                    problems.add("no element matches " + waitFor + " within " + Durations.format(timeout));
                }
            }
            if (text != null && problems.isEmpty()) {
                String shown = awaitText(session, deadline);
                if (shown.contains(text)) {
                    seen.add("\"" + text + "\" shown");
                } else {
                    problems.add("the page does not show \"" + text + "\" within " + Durations.format(timeout)
                            + ": " + quote(shown));
                }
            }
            List<String> errors = consoleErrors(session);
            if (!errors.isEmpty()) {
                problems.add(errors.size() + " console error" + (errors.size() == 1 ? "" : "s") + ": "
                        + errors.stream().limit(MAX_ERRORS).map(BrowserCheck::quote).collect(Collectors.joining(", "))
                        + (errors.size() > MAX_ERRORS ? ", …" : ""));
            } else {
                seen.add("no console errors");
            }
            return String.join(", ", seen);
        } catch (WebDriverException e) {
            problems.add(url + ": " + (e.isTimeout() ? "no answer from the browser within "
                    + Durations.format(timeout) : e.getMessage()));
            return "";
        }
    }

    /** Why the page did not load, or {@code null} when it did. */
    private String load(final WebDriverSession session, final String url, final long deadline,
            final long startMillis) {
        try {
            session.navigate(url, left(deadline));
        } catch (WebDriverException e) {
            if (e.isTimeout()) {
                // The page had the whole timeout; the start is said apart, so a slow agent is seen as one.
                return url + " did not finish loading within " + Durations.format(timeout) + " (Chromium took "
                        + startMillis + " ms to start before that)";
            }
            Matcher error = NET_ERROR.matcher(e.getMessage());
            return url + " did not load: " + (error.find() ? error.group() : e.getMessage());
        }
        int status = session.getResponseStatus();
        return status >= 400 ? url + " answered " + status : null;
    }

    private String awaitText(final WebDriverSession session, final long deadline) {
        while (true) {
            String shown = session.getPageText();
            if (shown.contains(text) || System.nanoTime() - deadline >= 0) {
                return shown;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return shown;
            }
        }
    }

    private List<String> consoleErrors(final WebDriverSession session) {
        return session.getBrowserLog().stream().filter(BrowserLogEntry::isSevere).map(BrowserLogEntry::getMessage)
                .filter(message -> allowedConsoleErrors.stream().noneMatch(message::contains))
                .collect(Collectors.toList());
    }

    /** {@code "; screenshot <file>"}, or why there is none; never fails the run itself. */
    private String screenshot(final WebDriverSession session) {
        try {
            Files.createDirectories(screenshotDirectory);
            Path file = Files.createTempFile(screenshotDirectory, fileName(), ".png");
            session.setCommandTimeout(SCREENSHOT_TIMEOUT).saveScreenshot(file);
            return "; screenshot " + file.toAbsolutePath();
        } catch (IOException | UncheckedIOException | WebDriverException e) {
            return "; no screenshot: " + e.getMessage();
        }
    }

    private String fileName() {
        String base = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return (base.isEmpty() ? KIND : base.length() > 60 ? base.substring(0, 60) : base) + "-";
    }

    private static Duration left(final long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static String quote(final String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return "\"" + (line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "…" : line) + "\"";
    }

    @Override
    public String toString() {
        return name;
    }
}
