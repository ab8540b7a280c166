package io.releaseledger.health;

import java.util.Objects;

/** The instance a gate checks: its address and port, and for the container check its container and digest. */
public final class CheckTarget {
    private final String address;
    private final int port;
    private final String containerId;
    private final String expectedDigest;

    /**
     * @param address        host name or IP address the instance is reached on
     * @param port           the instance's port, 0 when it has none (then only the container check works)
     * @param containerId    the container's id or name, {@code null} when no check needs it
     * @param expectedDigest the image digest the container must run, {@code sha256:…}, or {@code null}
     */
    public CheckTarget(final String address, final int port, final String containerId, final String expectedDigest) {
        this.address = Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        this.port = port;
        this.containerId = containerId;
        this.expectedDigest = expectedDigest;
    }

    public String getAddress() {
        return address;
    }

    public int getPort() {
        return port;
    }

    /** The container's id or name; may be {@code null}. */
    public String getContainerId() {
        return containerId;
    }

    /** The expected image digest, {@code sha256:…}; may be {@code null}. */
    public String getExpectedDigest() {
        return expectedDigest;
    }

    @Override
    public String toString() {
        return Placeholders.hostPort(address, port) + (containerId == null ? "" : " (container " + containerId + ")");
    }
}
