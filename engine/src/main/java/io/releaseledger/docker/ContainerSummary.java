package io.releaseledger.docker;

import java.util.Map;
import java.util.Objects;

/** One container as a listing shows it: enough to find what runs where; {@link ContainerEngine#inspect} tells more. */
public final class ContainerSummary {
    private final String id;
    private final String name;
    private final String image;
    private final String imageId;
    private final String state;
    private final String status;
    private final Map<String, String> labels;

    public ContainerSummary(final String id, final String name, final String image, final String imageId,
            final String state, final String status, final Map<String, String> labels) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = name;
        this.image = image;
        this.imageId = imageId;
        this.state = state;
        this.status = status;
        this.labels = Map.copyOf(labels);
    }

    public String getId() {
        return id;
    }

    /** The name without Docker's leading slash. */
    public String getName() {
        return name;
    }

    /** The image reference the container was created from. */
    public String getImage() {
        return image;
    }

    public String getImageId() {
        return imageId;
    }

    /** {@code created}, {@code running}, {@code restarting}, {@code exited}, {@code paused}, {@code dead}. */
    public String getState() {
        return state;
    }

    /** Docker's human text, such as {@code Up 3 minutes}. */
    public String getStatus() {
        return status;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public boolean isRunning() {
        return "running".equals(state);
    }

    @Override
    public String toString() {
        return name + " (" + id.substring(0, Math.min(12, id.length())) + ", " + state + ", " + image + ")";
    }
}
