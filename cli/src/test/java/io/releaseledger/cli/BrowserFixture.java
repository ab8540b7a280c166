package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium and chromedriver, given explicitly so Selenium Manager never downloads anything, 1280 by
 * 900 px, with the browser's console kept for {@link #assertNoConsoleErrors()}; and the waits and look-ups the
 * browser tests share; and the ledger it looks at, served ({@link #serve}). A fresh browser and profile for every test:
 * {@code @RegisterExtension final BrowserFixture browser = new BrowserFixture();}
 */
final class BrowserFixture implements BeforeEachCallback, AfterEachCallback {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /**
     * Selenium warns on every start that it has no DevTools binding for this Chromium's version; these tests use none
     * ({@code executeCdpCommand} goes through chromedriver), so the warning is noise in a passing log. Held here:
     * java.util.logging keeps its loggers only weakly.
     */
    private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private Path profile;
    private ChromeDriverService service;
    private ChromeDriver driver;
    private ServeFixture serve;

    @Override
    public void beforeEach(final ExtensionContext context) throws IOException {
        profile = Files.createTempDirectory("release-ledger-chromium");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(TIMEOUT);
    }

    @Override
    public void afterEach(final ExtensionContext context) throws IOException {
        try {
            if (serve != null) {
                serve.close();
            }
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            deleteProfile();
        }
    }

    private void deleteProfile() throws IOException {
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Serves the ledger at {@code ledgerRoot} with {@code release-ledger serve} for the browser to open, instead of the
     * one served before (if any); stopped after the test.
     */
    ServeFixture serve(final Path ledgerRoot) {
        if (serve != null) {
            serve.close();
        }
        serve = ServeFixture.start(ledgerRoot);
        return serve;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Waits up to {@link #TIMEOUT} for the condition; an exception (an element not there yet) counts as not yet. */
    void await(final String what, final Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out waiting for " + what, last);
    }

    int count(final String selector) {
        return driver.findElements(By.cssSelector(selector)).size();
    }

    /** The computed value of the first element the selector matches, as the browser gives it: "rgb(226, 230, 235)". */
    String css(final String selector, final String property) {
        return (String) driver.executeScript("return getComputedStyle(document.querySelector(arguments[0]))"
                + ".getPropertyValue(arguments[1])", selector, property);
    }

    private static Logger quiet(final String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** Relative luminance (0 black … 1 white) of a computed "rgb(r, g, b)" or "rgba(…)" colour. */
    static double luminance(final String color) {
        String[] parts = color.replaceAll("[^0-9.,]", "").split(",");
        double[] linear = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Double.parseDouble(parts[i]) / 255;
            linear[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    }

    /** No warning or error in the console: a failed load, a CSP violation or an exception would show there. */
    void assertNoConsoleErrors() {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as(errors.stream().map(LogEntry::toString).collect(Collectors.joining("\n"))).isEmpty();
    }
}
