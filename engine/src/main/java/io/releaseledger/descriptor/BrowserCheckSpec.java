package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.List;

/**
 * A page opened in headless Chromium: it loads, {@link #getWaitFor()} appears and {@link #getText()} is shown, and no
 * severe console error other than the allowed ones; a screenshot on failure.
 */
public final class BrowserCheckSpec implements HealthCheckSpec {
    private final String url;
    private final CheckOptions options;
    private String waitFor;
    private String text;
    private String screenshotDirectory;
    private List<String> allowedConsoleErrors = List.of();

    BrowserCheckSpec(final String url, final CheckOptions options) {
        this.url = url;
        this.options = options;
    }

    @Override
    public Type getType() {
        return Type.BROWSER;
    }

    @Override
    public CheckOptions getOptions() {
        return options;
    }

    /** The page's URL, with the same placeholders as {@link HttpCheckSpec#getUrl()}. */
    public String getUrl() {
        return url;
    }

    /** A CSS selector that must appear, or {@code null}. */
    public String getWaitFor() {
        return waitFor;
    }

    /** Text the page must show, or {@code null}. */
    public String getText() {
        return text;
    }

    /** How long the page may take, the same as {@code getOptions().getTimeout()}. */
    public Duration getTimeout() {
        return options.getTimeout();
    }

    /** Where a failure's screenshot goes, or {@code null} for the default. */
    public String getScreenshotDirectory() {
        return screenshotDirectory;
    }

    /** Substrings of console errors that do not fail the check. */
    public List<String> getAllowedConsoleErrors() {
        return allowedConsoleErrors;
    }

    void setWaitFor(final String waitFor) {
        this.waitFor = waitFor;
    }

    void setText(final String text) {
        this.text = text;
    }

    void setScreenshotDirectory(final String screenshotDirectory) {
        this.screenshotDirectory = screenshotDirectory;
    }

    void setAllowedConsoleErrors(final List<String> allowedConsoleErrors) {
        this.allowedConsoleErrors = List.copyOf(allowedConsoleErrors);
    }
}
