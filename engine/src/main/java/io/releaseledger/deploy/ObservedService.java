package io.releaseledger.deploy;

import io.releaseledger.ReleaseLedgerException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Swarm service of a swarm environment, as a drift observation saw it on its manager: whether it exists, the
 * image its spec runs, the version and deployment its labels claim, the replicas its spec asks for, where its last
 * update stands, and its current tasks (the one task per slot Swarm wants running, named {@code service.slot} like
 * the deploy's instances).
 */
public final class ObservedService {
    private final String host;
    private final String name;
    private final boolean found;
    private String image;
    private String version;
    private String deployment;
    private int replicas;
    private String updateState;
    private String updateMessage;
    private final List<ObservedContainer> tasks = new ArrayList<>();

    /**
     * @param host  the manager's short name, as the descriptor names it
     * @param found {@code false}: the manager has no service of this name
     */
    public ObservedService(final String host, final String name, final boolean found) {
        this.host = Objects.requireNonNull(host, "host");
        this.name = Objects.requireNonNull(name, "name");
        this.found = found;
    }

    /** The spec's image ({@code repository@sha256:…} when Release Ledger or Docker pinned it) and replicas. */
    public ObservedService setSpec(final String image, final int replicas) {
        this.image = image;
        this.replicas = replicas;
        return this;
    }

    /** The version and deployment labels of the service, {@code null} when absent. */
    public ObservedService setLabels(final String version, final String deployment) {
        this.version = version;
        this.deployment = deployment;
        return this;
    }

    /**
     * Where the last update stands.
     *
     * @param state   Swarm's {@code UpdateStatus.State} in lower case ({@code completed}, {@code paused},
     *                {@code rollback_completed}, …), {@code null} when the service was never updated
     * @param message Swarm's message about it, {@code null} when none
     */
    public ObservedService setUpdate(final String state, final String message) {
        this.updateState = state;
        this.updateMessage = message;
        return this;
    }

    /** A current task: name {@code service.slot}, the image its spec runs, running or the state it is in. */
    public ObservedService addTask(final ObservedContainer task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        return this;
    }

    public String getHost() {
        return host;
    }

    public String getName() {
        return name;
    }

    public boolean isFound() {
        return found;
    }

    public String getImage() {
        return image;
    }

    /** The digest of the spec's image, {@code null} when the image names none. */
    public String getDigest() {
        return digestOf(image);
    }

    public String getVersion() {
        return version;
    }

    public String getDeployment() {
        return deployment;
    }

    public int getReplicas() {
        return replicas;
    }

    public String getUpdateState() {
        return updateState;
    }

    public String getUpdateMessage() {
        return updateMessage;
    }

    public List<ObservedContainer> getTasks() {
        return tasks;
    }

    /** {@code sha256:…} of {@code repository@sha256:…}; {@code null} for an image without a digest. */
    public static String digestOf(final String image) {
        return image == null || !image.contains("@") ? null : image.substring(image.indexOf('@') + 1);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", host);
        json.put("name", name);
        json.put("found", found);
        json.put("image", image);
        json.put("version", version);
        json.put("deployment", deployment);
        json.put("replicas", replicas);
        json.put("updateState", updateState);
        json.put("updateMessage", updateMessage);
        List<Object> list = new ArrayList<>();
        tasks.forEach(task -> list.add(task.toJson()));
        json.put("tasks", list);
        return json;
    }

    static ObservedService fromJson(final Map<String, Object> json) {
        String host = DriftExpectation.text(json, "host");
        String name = DriftExpectation.text(json, "name");
        if (host == null || name == null || !(json.get("found") instanceof Boolean found)
                || !(json.get("tasks") instanceof List<?> tasks)) {
            throw new ReleaseLedgerException("the observed Swarm service lacks its \"host\", \"name\", \"found\" or "
                    + "\"tasks\"");
        }
        int replicas = json.get("replicas") instanceof Number number ? number.intValue() : 0;
        ObservedService service = new ObservedService(host, name, found)
                .setSpec(DriftExpectation.text(json, "image"), replicas)
                .setLabels(DriftExpectation.text(json, "version"), DriftExpectation.text(json, "deployment"))
                .setUpdate(DriftExpectation.text(json, "updateState"), DriftExpectation.text(json, "updateMessage"));
        for (Object task : tasks) {
            service.addTask(ObservedContainer.fromJson(DriftObservation.object(task)));
        }
        return service;
    }
}
