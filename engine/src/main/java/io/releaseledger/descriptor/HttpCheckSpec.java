package io.releaseledger.descriptor;

import java.time.Duration;

/** An HTTP GET that must answer with the expected status. */
public final class HttpCheckSpec implements HealthCheckSpec {
    private final String url;
    private final int expectedStatus;
    private final Duration timeout;

    HttpCheckSpec(final String url, final int expectedStatus, final Duration timeout) {
        this.url = url;
        this.expectedStatus = expectedStatus;
        this.timeout = timeout;
    }

    @Override
    public Type getType() {
        return Type.HTTP;
    }

    /** URL pattern with {@code {address}}, {@code {port}}, {@code {host}}, {@code {instance}}, {@code {environment}}. */
    public String getUrl() {
        return url;
    }

    /** The URL of one instance. */
    public String url(final String environment, final DockerHostSpec host, final int instance, final int port) {
        return Placeholders.replace(url, environment, host.getName(), host.getAddress(), instance, port);
    }

    public int getExpectedStatus() {
        return expectedStatus;
    }

    /** Timeout of one request. */
    public Duration getTimeout() {
        return timeout;
    }
}
