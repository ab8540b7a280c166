package io.releaseledger.docker.javaclient;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.json.Json;

import java.io.IOException;
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
