package io.releaseledger.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The release an instance ran before a deploy: what a restore puts back. */
public final class PreviousRelease {
    private final String version;
    private final String image;
    private final String digest;
    private final String build;
    private final String containerId;

    /**
     * @param version     the version label of the old container, may be {@code null} when it had none
     * @param image       the image the old container was created from, {@code repository@sha256:…}
     * @param digest      its digest, {@code sha256:…}
     * @param build       the build label, may be {@code null}
     * @param containerId the old container's id
     */
    public PreviousRelease(final String version, final String image, final String digest, final String build,
            final String containerId) {
        this.version = version;
        this.image = Objects.requireNonNull(image, "image");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.build = build;
        this.containerId = containerId;
    }

    public String getVersion() {
        return version;
    }

    public String getImage() {
        return image;
    }

    public String getDigest() {
        return digest;
    }

    public String getBuild() {
        return build;
    }

    public String getContainerId() {
        return containerId;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version);
        json.put("image", image);
        json.put("digest", digest);
        json.put("build", build);
        json.put("containerId", containerId);
        return json;
    }

    static PreviousRelease fromJson(final Map<String, Object> json) {
        return new PreviousRelease(JsonFields.optionalString(json, "version"), JsonFields.string(json, "image"),
                JsonFields.string(json, "digest"), JsonFields.optionalString(json, "build"),
                JsonFields.optionalString(json, "containerId"));
    }
}
