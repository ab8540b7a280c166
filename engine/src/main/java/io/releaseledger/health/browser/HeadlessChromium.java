package io.releaseledger.health.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A headless Chromium of its own: a fresh chromedriver process, a fresh temporary profile and one session. Nothing
 * is shared between two of them, so checks can run in parallel; {@link #close()} stops both processes and deletes
 * the profile, also after a failure or a timeout.
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.start(ChromiumInstallation.find(System.getenv()), timeout)) {
 *     browser.session().navigate(url, timeout);
 * }
 * }</pre>
 */
public final class HeadlessChromium implements AutoCloseable {
    /** Chromium's command line besides the profile: headless, no sandbox (agents often run as root), quiet. */
    public static final List<String> ARGUMENTS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--window-size=1280,900");

    private final Path directory;
    private ChromeDriverService driver;
    private WebDriverSession session;

    private HeadlessChromium(final Path directory) {
        this.directory = directory;
    }

    /**
     * Starts chromedriver and a browser session within {@code timeout}.
     *
     * @throws WebDriverException when either does not start; what was started is stopped again
     */
    public static HeadlessChromium start(final ChromiumInstallation installation, final Duration timeout) {
        Objects.requireNonNull(installation, "installation");
        long deadline = System.nanoTime() + timeout.toNanos();
        HeadlessChromium browser = new HeadlessChromium(temporaryDirectory());
        try {
            browser.driver = ChromeDriverService.start(installation.getChromedriver(),
                    browser.directory.resolve("chromedriver.log"), timeout);
            List<String> arguments = new ArrayList<>(ARGUMENTS);
            arguments.add("--user-data-dir=" + browser.getProfile());
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            try {
                browser.session = WebDriverSession.open(browser.driver.getUri(), installation.getChromium(),
                        arguments, left);
            } catch (WebDriverException e) {
                throw new WebDriverException(e.getError(), "Chromium did not start (" + installation.getChromium()
                        + "): " + e.getMessage() + "; chromedriver said: " + browser.driver.logTail(), e);
            }
            return browser;
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("release-ledger-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for Chromium: " + e.getMessage(), e);
        }
    }

    public WebDriverSession session() {
        return session;
    }

    /** The temporary {@code --user-data-dir}, gone after {@link #close()}. */
    public Path getProfile() {
        return directory.resolve("profile");
    }

    /** Whether the driver process still runs. */
    public boolean isRunning() {
        return driver != null && driver.isRunning();
    }

    /** Ends the session, stops chromedriver and every browser process, deletes the profile. */
    @Override
    public void close() {
        if (session != null && driver.isRunning()) {
            session.close();
        }
        if (driver != null) {
            driver.close();
        }
        deleteDirectory();
    }

    private void deleteDirectory() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is no reason to fail a check
        }
    }

    @Override
    public String toString() {
        return "headless Chromium in " + directory;
    }
}
