package io.releaseledger.docker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Docker engine listens: a unix socket, plain TCP, or TCP with TLS client certificates, from PEM files or
 * from PEM texts in memory ({@link TlsPem}). A value: it opens nothing. Its {@link #toString()} is the address
 * ({@code unix:///var/run/docker.sock}, {@code tcp://host:2376}), safe for messages.
 */
public final class DockerHost {
    /** The socket a local engine listens on by default. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private final URI uri;
    private final Path caCertificate;
    private final Path clientCertificate;
    private final Path clientKey;
    private final TlsPem pem;

    private DockerHost(final URI uri, final Path caCertificate, final Path clientCertificate, final Path clientKey,
            final TlsPem pem) {
        this.uri = uri;
        this.caCertificate = caCertificate;
        this.clientCertificate = clientCertificate;
        this.clientKey = clientKey;
        this.pem = pem;
    }

    /** The local engine on {@link #DEFAULT_SOCKET}. */
    public static DockerHost localSocket() {
        return unixSocket(DEFAULT_SOCKET);
    }

    /** An engine on a unix socket. */
    public static DockerHost unixSocket(final Path socket) {
        Path absolute = Objects.requireNonNull(socket, "socket").toAbsolutePath().normalize();
        return new DockerHost(URI.create("unix://" + absolute), null, null, null, null);
    }

    /** An engine on plain TCP (no TLS), such as {@code tcp://127.0.0.1:2375}. */
    public static DockerHost tcp(final String host, final int port) {
        return new DockerHost(tcpUri(host, port), null, null, null, null);
    }

    /**
     * An engine on TCP with TLS, authenticated by a client certificate; {@code certificateDirectory} holds
     * {@code ca.pem}, {@code cert.pem} and {@code key.pem}, as {@code DOCKER_CERT_PATH} does for the docker CLI.
     */
    public static DockerHost tls(final String host, final int port, final Path certificateDirectory) {
        Path dir = Objects.requireNonNull(certificateDirectory, "certificateDirectory");
        return tls(host, port, dir.resolve("ca.pem"), dir.resolve("cert.pem"), dir.resolve("key.pem"));
    }

    /** An engine on TCP with TLS: the CA that signed the engine's certificate, and the client's certificate and key. */
    public static DockerHost tls(final String host, final int port, final Path caCertificate,
            final Path clientCertificate, final Path clientKey) {
        return new DockerHost(tcpUri(host, port), Objects.requireNonNull(caCertificate, "caCertificate"),
                Objects.requireNonNull(clientCertificate, "clientCertificate"),
                Objects.requireNonNull(clientKey, "clientKey"), null);
    }

    /** An engine on TCP with TLS whose CA, client certificate and key are PEM texts in memory, never on disk. */
    public static DockerHost tls(final String host, final int port, final TlsPem pem) {
        return new DockerHost(tcpUri(host, port), null, null, null, Objects.requireNonNull(pem, "pem"));
    }

    /**
     * Reads {@code unix:///path} or {@code tcp://host:port} (the form of {@code DOCKER_HOST}); TLS hosts are made
     * with {@link #tls}.
     */
    public static DockerHost parse(final String address) {
        String text = Objects.requireNonNull(address, "address").trim();
        if (text.startsWith("unix://")) {
            String path = text.substring("unix://".length());
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("Docker host '" + text + "' needs an absolute socket path, "
                        + "such as unix:///var/run/docker.sock");
            }
            return unixSocket(Path.of(path));
        }
        if (text.startsWith("tcp://")) {
            URI uri = URI.create(text);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("Docker host '" + text + "' needs a host and a port, "
                        + "such as tcp://10.0.0.5:2376");
            }
            return tcp(uri.getHost(), uri.getPort());
        }
        throw new IllegalArgumentException("Docker host '" + text + "' is neither unix:///path nor tcp://host:port");
    }

    private static URI tcpUri(final String host, final int port) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("Docker host needs a host name and a port in 1..65535, got '"
                    + host + "' and " + port);
        }
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("tcp://" + literal + ":" + port);
    }

    /** {@code unix:///…} or {@code tcp://host:port}. */
    public URI getUri() {
        return uri;
    }

    public boolean isUnixSocket() {
        return "unix".equals(uri.getScheme());
    }

    public boolean isTls() {
        return caCertificate != null || pem != null;
    }

    /** The TLS material in memory, when the host was made with {@link #tls(String, int, TlsPem)}. */
    public Optional<TlsPem> getTlsPem() {
        return Optional.ofNullable(pem);
    }

    /** The CA certificate (PEM file) that signed the engine's certificate, when {@link #isTls()} from files. */
    public Optional<Path> getCaCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    /** The client certificate (PEM file), when {@link #isTls()} from files. */
    public Optional<Path> getClientCertificate() {
        return Optional.ofNullable(clientCertificate);
    }

    /** The client's private key (PEM file), when {@link #isTls()} from files. */
    public Optional<Path> getClientKey() {
        return Optional.ofNullable(clientKey);
    }

    @Override
    public boolean equals(final Object other) {
        if (!(other instanceof DockerHost)) {
            return false;
        }
        DockerHost that = (DockerHost) other;
        return uri.equals(that.uri) && Objects.equals(caCertificate, that.caCertificate)
                && Objects.equals(clientCertificate, that.clientCertificate)
                && Objects.equals(clientKey, that.clientKey) && Objects.equals(pem, that.pem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, caCertificate, clientCertificate, clientKey, pem);
    }

    @Override
    public String toString() {
        return uri + (isTls() ? " (TLS)" : "");
    }
}
