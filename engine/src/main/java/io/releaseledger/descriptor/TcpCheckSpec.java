package io.releaseledger.descriptor;

import java.time.Duration;

/** A TCP connection that must be accepted. */
public final class TcpCheckSpec implements HealthCheckSpec {
    private final String address;
    private final CheckOptions options;

    TcpCheckSpec(final String address, final CheckOptions options) {
        this.address = address;
        this.options = options;
    }

    @Override
    public Type getType() {
        return Type.TCP;
    }

    @Override
    public CheckOptions getOptions() {
        return options;
    }

    /** {@code host:port} pattern, default {@code {address}:{port}}. */
    public String getAddress() {
        return address;
    }

    /** The address of one instance. */
    public String address(final String environment, final DockerHostSpec host, final int instance, final int port) {
        return Placeholders.replace(address, environment, host.getName(), host.getAddress(), instance, port);
    }

    /** Timeout of one connection attempt. */
    public Duration getTimeout() {
        return options.getTimeout();
    }
}
