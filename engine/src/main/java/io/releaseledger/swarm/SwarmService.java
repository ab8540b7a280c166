package io.releaseledger.swarm;

import java.util.Map;

/** A service as the manager reports it: its spec's image and labels, and where its last update stands. */
public final class SwarmService {
    /** Swarm's {@code UpdateStatus.State}, {@link #NONE} when the service was never updated. */
    public enum UpdateState { NONE, UPDATING, PAUSED, COMPLETED, ROLLBACK_STARTED, ROLLBACK_PAUSED, ROLLBACK_COMPLETED }

    private final String id;
    private final String name;
    private final long version;
    private final String image;
    private final Map<String, String> labels;
    private final int replicas;
    private final UpdateState updateState;
    private final String updateMessage;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public SwarmService(final String id, final String name, final long version, final String image,
            final Map<String, String> labels, final int replicas, final UpdateState updateState,
            final String updateMessage) {
        this.id = id;
        this.name = name;
        this.version = version;
        this.image = image;
        this.labels = Map.copyOf(labels);
        this.replicas = replicas;
        this.updateState = updateState;
        this.updateMessage = updateMessage;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** The object version an update must name. */
    public long getVersion() {
        return version;
    }

    /** The image of the spec, {@code repository@digest} when Release Ledger wrote it. */
    public String getImage() {
        return image;
    }

    /** The service's labels: Release Ledger's version, digest and build of the release the spec runs. */
    public Map<String, String> getLabels() {
        return labels;
    }

    public int getReplicas() {
        return replicas;
    }

    public UpdateState getUpdateState() {
        return updateState;
    }

    /** Swarm's message about the last update, {@code null} when none. */
    public String getUpdateMessage() {
        return updateMessage;
    }

    @Override
    public String toString() {
        return name + " (" + image + ", update " + updateState + ")";
    }
}
