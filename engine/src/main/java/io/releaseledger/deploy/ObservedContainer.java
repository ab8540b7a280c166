package io.releaseledger.deploy;

import io.releaseledger.ReleaseLedgerException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One container that carries the environment's labels, as a drift observation saw it: where, its name, the image
 * digest it runs ({@code sha256:…} of the reference it was created from, else its image id, with the manifest
 * digests that image was pulled as), whether it runs, and the version and deployment its labels claim.
 */
public final class ObservedContainer {
    private final String host;
    private final String name;
    private final String image;
    private final String digest;
    private final boolean running;
    private final String status;
    private String version;
    private String deployment;
    private List<String> repoDigests = List.of();

    /**
     * @param image  the reference it was created from, such as {@code registry/shop@sha256:…}
     * @param digest what it runs: the reference's digest, or the image id when it was created from a tag
     * @param status Docker's state in a word ({@code running}, {@code exited}, {@code restarting}, …)
     */
    public ObservedContainer(final String host, final String name, final String image, final String digest,
            final boolean running, final String status) {
        this.host = Objects.requireNonNull(host, "host");
        this.name = Objects.requireNonNull(name, "name");
        this.image = image;
        this.digest = digest;
        this.running = running;
        this.status = status;
    }

    /** The version label ({@code io.releaseledger.version}), {@code null} without one. */
    public ObservedContainer setVersion(final String version) {
        this.version = version;
        return this;
    }

    /** The deployment label ({@code io.releaseledger.deployment}), {@code null} without one. */
    public ObservedContainer setDeployment(final String deployment) {
        this.deployment = deployment;
        return this;
    }

    /**
     * For a container created from a tag: the manifest digests ({@code repository@sha256:…}) its local image was
     * pulled or pushed as (Docker's RepoDigests); empty by default.
     */
    public ObservedContainer setRepoDigests(final List<String> repoDigests) {
        this.repoDigests = List.copyOf(repoDigests);
        return this;
    }

    /**
     * Whether it runs the image of manifest digest {@code digest}: created from it, or from a tag whose local image
     * was pulled as it (a container created from a tag only knows its image id, never a manifest digest).
     */
    public boolean runs(final String digest) {
        return digest.equals(this.digest) || repoDigests.stream().anyMatch(r -> r.endsWith("@" + digest));
    }

    public String getHost() {
        return host;
    }

    public String getName() {
        return name;
    }

    public String getImage() {
        return image;
    }

    public String getDigest() {
        return digest;
    }

    public boolean isRunning() {
        return running;
    }

    public String getStatus() {
        return status;
    }

    public String getVersion() {
        return version;
    }

    public String getDeployment() {
        return deployment;
    }

    public List<String> getRepoDigests() {
        return repoDigests;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", host);
        json.put("name", name);
        json.put("image", image);
        json.put("digest", digest);
        json.put("running", running);
        json.put("status", status);
        json.put("version", version);
        json.put("deployment", deployment);
        json.put("repoDigests", new ArrayList<>(repoDigests));
        return json;
    }

    static ObservedContainer fromJson(final Map<String, Object> json) {
        String host = DriftExpectation.text(json, "host");
        String name = DriftExpectation.text(json, "name");
        if (host == null || name == null || !(json.get("running") instanceof Boolean running)) {
            throw new ReleaseLedgerException("an observed container lacks its \"host\", \"name\" or \"running\"");
        }
        List<String> repoDigests = new ArrayList<>();
        if (json.get("repoDigests") instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(repoDigests::add);
        }
        return new ObservedContainer(host, name, DriftExpectation.text(json, "image"),
                DriftExpectation.text(json, "digest"), running, DriftExpectation.text(json, "status"))
                .setVersion(DriftExpectation.text(json, "version"))
                .setDeployment(DriftExpectation.text(json, "deployment")).setRepoDigests(repoDigests);
    }
}
