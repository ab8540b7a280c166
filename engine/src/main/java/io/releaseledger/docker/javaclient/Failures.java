package io.releaseledger.docker.javaclient;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.TlsPem;
import io.releaseledger.json.Json;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import java.util.Map;

/** The one place where docker-java's exceptions become {@link ContainerEngineException}s. */
final class Failures {
    private Failures() {
    }

    /**
     * @param what what was being done, such as "starting container shop-web-1"
     * @param hint how to fix a refusal of the engine (409, 404, …), or {@code null} for the generic advice
     */
    static ContainerEngineException translate(final RuntimeException e, final DockerHost host, final String what,
            final String hint) {
        String prefix = what + " on Docker host " + host + " failed: ";
        IOException io = ioCause(e);
        if (io != null && !(e instanceof DockerException) && host.isTls() && !(io instanceof ConnectException)
                && !(io instanceof SocketTimeoutException)) {
            return tls(e, io, host, what);
        }
        if (io != null && !(e instanceof DockerException)) {
            return new ContainerEngineException(what + ": cannot reach the Docker engine at " + host + " ("
                    + describe(io) + "). Check that dockerd runs and listens there"
                    + (host.isUnixSocket() ? " and that this user may use the socket" : "")
                    + (host.isTls() ? " and that it accepts the client certificate" : "")
                    + ", or fix the Docker host", e);
        }
        if (e instanceof DockerException) {
            DockerException docker = (DockerException) e;
            String detail = engineMessage(docker);
            String advice = hint != null ? hint : defaultHint(docker);
            return new ContainerEngineException(prefix + detail + " (HTTP " + docker.getHttpStatus() + ")"
                    + (advice.isEmpty() ? "" : ". " + advice), e);
        }
        if (e instanceof DockerClientException) {
            return new ContainerEngineException(prefix + e.getMessage() + (hint == null ? "" : ". " + hint), e);
        }
        return new ContainerEngineException(prefix + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }

    /**
     * A TLS connection that reached the engine's port but did not get through: either this side did not trust the
     * engine's certificate (its message names the PKIX path or the host name), or the engine refused ours, which
     * TLS 1.3 shows as an alert, a reset or a broken pipe.
     */
    private static ContainerEngineException tls(final RuntimeException e, final IOException io, final DockerHost host,
            final String what) {
        String ca = host.getCaCertificate().map(Object::toString)
                .or(() -> host.getTlsPem().map(TlsPem::getOrigin)).orElse("ca.pem");
        String cert = host.getClientCertificate().map(Object::toString)
                .or(() -> host.getTlsPem().map(pem -> "the certificate of " + pem.getOrigin())).orElse("cert.pem");
        String detail = describe(io);
        if (io instanceof SSLHandshakeException && detail.contains("PKIX")) {
            return new ContainerEngineException(what + ": the Docker engine at " + host + " was not trusted (" + detail
                    + "): the engine's certificate is not signed by the CA in " + ca + ". Use the CA that signed the "
                    + "engine's --tlscert, or fix the Docker host", e);
        }
        if (io instanceof SSLHandshakeException && detail.contains("subject alternative name")) {
            return new ContainerEngineException(what + ": the Docker engine at " + host + " was not trusted (" + detail
                    + "): the engine's certificate is not issued for " + host.getUri().getHost() + ". Give the host "
                    + "by a name or address that its certificate names, or fix the engine's certificate", e);
        }
        return new ContainerEngineException(what + ": the Docker engine at " + host + " refused the TLS handshake ("
                + detail + "). It takes only a client certificate signed by a CA that the engine trusts (its "
                + "--tlscacert): check that " + cert + " was signed by that CA and that its key belongs to it, or fix "
                + "the host's TLS certificate", e);
    }

    static boolean isNotFound(final RuntimeException e) {
        return e instanceof NotFoundException;
    }

    private static String defaultHint(final DockerException e) {
        if (e instanceof NotFoundException) {
            return "Check the name or id";
        }
        if (e instanceof ConflictException) {
            return "Another object is in the way: remove it or choose another name";
        }
        if (e instanceof UnauthorizedException) {
            return "Check the registry credentials";
        }
        return "";
    }

    /** The engine answers errors as {@code {"message": "…"}}; docker-java wraps that in "Status N: …". */
    private static String engineMessage(final DockerException e) {
        String text = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Status \\d+: ", "").strip();
        if (text.startsWith("{")) {
            try {
                Map<String, Object> body = Json.parseObject(text);
                if (body.get("message") instanceof String) {
                    return ((String) body.get("message")).strip();
                }
            } catch (RuntimeException ignored) {
                // not JSON after all: use the text as it is
            }
        }
        return text.isEmpty() ? "no detail" : text;
    }

    private static IOException ioCause(final Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return (IOException) cause;
            }
        }
        return null;
    }

    private static String describe(final IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }
}
