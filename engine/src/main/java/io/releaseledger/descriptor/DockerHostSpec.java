package io.releaseledger.descriptor;

/**
 * One Docker Engine an environment deploys to: {@code unix:///var/run/docker.sock}, {@code tcp://host:2375}, or
 * {@code tcp://host:2376} with a TLS client certificate.
 */
public final class DockerHostSpec {
    /** How the engine is reached. */
    public enum Scheme { UNIX, TCP }

    private final String name;
    private final String url;
    private final Scheme scheme;
    private final String socketPath;
    private final String hostName;
    private final int port;
    private final String address;
    private final DockerTlsSpec tls;

    DockerHostSpec(final String name, final String url, final Scheme scheme, final String socketPath,
            final String hostName, final int port, final String address, final DockerTlsSpec tls) {
        this.name = name;
        this.url = url;
        this.scheme = scheme;
        this.socketPath = socketPath;
        this.hostName = hostName;
        this.port = port;
        this.address = address;
        this.tls = tls;
    }

    /** Short name used in server names and messages: given, else the TCP host name, else {@code local}. */
    public String getName() {
        return name;
    }

    /** The Docker URL as written. */
    public String getUrl() {
        return url;
    }

    public Scheme getScheme() {
        return scheme;
    }

    /** The socket's path for {@code unix://}, else {@code null}. */
    public String getSocketPath() {
        return socketPath;
    }

    /** The host name for {@code tcp://}, else {@code null}. */
    public String getHostName() {
        return hostName;
    }

    /** The Docker API port for {@code tcp://}, else 0. */
    public int getPort() {
        return port;
    }

    /** Where the containers on this host are reached (health checks, load balancer): given, else the TCP host name, else {@code 127.0.0.1}. */
    public String getAddress() {
        return address;
    }

    /** The TLS client certificate, or {@code null} for a plain connection. */
    public DockerTlsSpec getTls() {
        return tls;
    }

    public boolean isTls() {
        return tls != null;
    }

    @Override
    public String toString() {
        return url;
    }
}
