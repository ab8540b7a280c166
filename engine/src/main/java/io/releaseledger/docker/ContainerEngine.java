package io.releaseledger.docker;

import io.releaseledger.registry.RegistryCredentials;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The container port: what the deploy strategies need from one Docker host. Implementations translate their
 * library's failures into {@link ContainerEngineException} whose message names the operation, the container or
 * image, and the host, and says how to fix it.
 *
 * <p>Containers are addressed by id or by name. Closing releases the connection; the containers stay.
 */
public interface ContainerEngine extends AutoCloseable {

    /** The host this engine talks to. */
    DockerHost getHost();

    /** Checks that the engine answers; returns its version, such as {@code 20.10.24 (API 1.41)}. */
    String ping();

    /**
     * Pulls an image by digest, {@code repository@sha256:…}, and waits until it is there.
     *
     * @param credentials for the image's registry, or {@code null} for anonymous access
     */
    void pull(String imageByDigest, RegistryCredentials credentials);

    /** Whether the engine has the image (by digest, tag or id) locally. */
    boolean hasImage(String image);

    /**
     * The manifest digests the engine knows a local image by ({@code repository@sha256:…}, Docker's RepoDigests): those
     * it was pulled or pushed as. Empty for an image built here and never pushed or pulled.
     *
     * @param image the image's id, digest or tag
     */
    List<String> repoDigests(String image);

    /** Creates (does not start) a container; returns its id. The image must be there: {@link #pull} it first. */
    String create(ContainerRequest request);

    /** Starts a created or stopped container; starting a running one does nothing. */
    void start(String container);

    /** The container's current state. */
    ContainerState inspect(String container);

    /**
     * Stops a container: SIGTERM, then SIGKILL after {@code timeout} (whole seconds, at least one). Stopping one
     * that is not running does nothing.
     */
    void stop(String container, Duration timeout);

    /** Removes a container, stopping it by force if it runs, with its anonymous volumes; one that is gone is fine. */
    void remove(String container);

    /** All containers, running or not, that carry every one of these labels (an empty value matches any value). */
    List<ContainerSummary> findByLabels(Map<String, String> labels);

    /** The last {@code lines} lines of the container's output and error, interleaved as Docker recorded them. */
    String logs(String container, int lines);

    /** Releases the connection; never throws. */
    @Override
    void close();
}
