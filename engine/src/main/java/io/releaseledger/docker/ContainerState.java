package io.releaseledger.docker;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What {@link ContainerEngine#inspect} found: the state of one container and what it runs. */
public final class ContainerState {
    private final String id;
    private final String name;
    private final String status;
    private final boolean running;
    private final boolean restarting;
    private final Integer exitCode;
    private final String error;
    private final String health;
    private final int restartCount;
    private final String image;
    private final String imageId;
    private final Map<String, String> labels;
    private final Instant startedAt;
    private final Instant finishedAt;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public ContainerState(final String id, final String name, final String status, final boolean running,
            final boolean restarting, final Integer exitCode, final String error, final String health,
            final int restartCount, final String image, final String imageId, final Map<String, String> labels,
            final Instant startedAt, final Instant finishedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = name;
        this.status = status;
        this.running = running;
        this.restarting = restarting;
        this.exitCode = exitCode;
        this.error = error == null || error.isEmpty() ? null : error;
        this.health = health == null || health.isEmpty() ? null : health;
        this.restartCount = restartCount;
        this.image = image;
        this.imageId = imageId;
        this.labels = Map.copyOf(labels);
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
    }

    public String getId() {
        return id;
    }

    /** The name without Docker's leading slash. */
    public String getName() {
        return name;
    }

    /** {@code created}, {@code running}, {@code restarting}, {@code exited}, {@code paused}, {@code dead}. */
    public String getStatus() {
        return status;
    }

    public boolean isRunning() {
        return running;
    }

    public boolean isRestarting() {
        return restarting;
    }

    /** The exit code of the last run; empty while the container has never exited. */
    public Optional<Integer> getExitCode() {
        return "exited".equals(status) || "dead".equals(status) || restarting || restartCount > 0
                ? Optional.ofNullable(exitCode) : Optional.empty();
    }

    /** Docker's error for the last start (a missing executable, say), if any. */
    public Optional<String> getError() {
        return Optional.ofNullable(error);
    }

    /** {@code starting}, {@code healthy} or {@code unhealthy}; empty when the image defines no health check. */
    public Optional<String> getHealth() {
        return Optional.ofNullable(health);
    }

    public int getRestartCount() {
        return restartCount;
    }

    /** The image reference the container was created from, {@code repository@sha256:…} when made by this engine. */
    public String getImage() {
        return image;
    }

    /** The digest part of {@link #getImage()}, {@code sha256:…}, if the container was created by digest. */
    public Optional<String> getImageDigest() {
        int at = image == null ? -1 : image.indexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(image.substring(at + 1));
    }

    /** The local image id (the configuration's digest), {@code sha256:…}. */
    public String getImageId() {
        return imageId;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    /** When the container last started; empty if it never did. */
    public Optional<Instant> getStartedAt() {
        return Optional.ofNullable(startedAt);
    }

    /** When the container last stopped; empty if it never did. */
    public Optional<Instant> getFinishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    @Override
    public String toString() {
        return name + " (" + status + (health == null ? "" : ", " + health)
                + (getExitCode().isPresent() ? ", exit code " + exitCode : "") + ", " + image + ")";
    }
}
