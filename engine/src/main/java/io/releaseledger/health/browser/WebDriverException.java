package io.releaseledger.health.browser;

import io.releaseledger.ReleaseLedgerException;

/**
 * A WebDriver command that failed: the driver answered a W3C error ({@link #getError()} such as {@code timeout} or
 * {@code no such element}), or it did not answer at all ({@link #NO_ANSWER}, {@link #UNREACHABLE}).
 */
public class WebDriverException extends ReleaseLedgerException {
    /** The driver did not answer within the client's time limit. */
    public static final String NO_ANSWER = "no answer";
    /** The driver could not be reached, or answered something that is not WebDriver JSON. */
    public static final String UNREACHABLE = "unreachable";

    private static final long serialVersionUID = 1L;

    private final String error;

    public WebDriverException(final String error, final String message) {
        super(message);
        this.error = error;
    }

    public WebDriverException(final String error, final String message, final Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /** The W3C error code ({@code timeout}, {@code unknown error}, ...) or {@link #NO_ANSWER}/{@link #UNREACHABLE}. */
    public String getError() {
        return error;
    }

    /** Whether the driver or the client gave up waiting (page load, script or the command itself). */
    public boolean isTimeout() {
        return "timeout".equals(error) || "script timeout".equals(error) || NO_ANSWER.equals(error);
    }
}
