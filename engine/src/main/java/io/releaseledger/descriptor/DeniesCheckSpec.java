package io.releaseledger.descriptor;

/**
 * A URL that, requested without credentials, must refuse: 401 or 403, or a redirect to a login page. The "wrong
 * people seeing the wrong things" check.
 */
public final class DeniesCheckSpec implements HealthCheckSpec {
    static final String DEFAULT_LOGIN_PATTERN = "(?i)login|signin|sign-in|sso|auth";

    private final String url;
    private final CheckOptions options;
    private final String loginPattern;

    DeniesCheckSpec(final String url, final CheckOptions options, final String loginPattern) {
        this.url = url;
        this.options = options;
        this.loginPattern = loginPattern;
    }

    @Override
    public Type getType() {
        return Type.DENIES;
    }

    @Override
    public CheckOptions getOptions() {
        return options;
    }

    /** URL pattern, with the same placeholders as {@link HttpCheckSpec#getUrl()}. */
    public String getUrl() {
        return url;
    }

    /** A regular expression a redirect's {@code Location} must contain to count as a login page. */
    public String getLoginPattern() {
        return loginPattern;
    }
}
