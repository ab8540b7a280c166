package io.releaseledger.descriptor;

/** A published container port: {@code 8080:80}, {@code 127.0.0.1:8080:80/tcp}, or only {@code 80}. */
public final class PortMapping {
    private final String hostIp;
    private final int hostPort;
    private final int containerPort;
    private final String protocol;

    PortMapping(final String hostIp, final int hostPort, final int containerPort, final String protocol) {
        this.hostIp = hostIp;
        this.hostPort = hostPort;
        this.containerPort = containerPort;
        this.protocol = protocol;
    }

    /** The host address to bind, or {@code null} for all. */
    public String getHostIp() {
        return hostIp;
    }

    /** The host port, or 0 to let Docker choose one. */
    public int getHostPort() {
        return hostPort;
    }

    public int getContainerPort() {
        return containerPort;
    }

    /** {@code tcp} or {@code udp}. */
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (hostIp != null) {
            text.append(hostIp).append(':');
        }
        if (hostPort > 0) {
            text.append(hostPort).append(':');
        }
        return text.append(containerPort).append('/').append(protocol).toString();
    }
}
