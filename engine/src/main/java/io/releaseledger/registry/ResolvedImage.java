package io.releaseledger.registry;

import java.util.Objects;

/** A tag resolved to the manifest it points at: what to pull so that every host runs the same bytes. */
public final class ResolvedImage {
    private final String registry;
    private final String repository;
    private final String tag;
    private final String digest;
    private final String mediaType;

    public ResolvedImage(final String registry, final String repository, final String tag, final String digest,
            final String mediaType) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.tag = Objects.requireNonNull(tag, "tag");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.mediaType = mediaType;
    }

    public String getRegistry() {
        return registry;
    }

    public String getRepository() {
        return repository;
    }

    public String getTag() {
        return tag;
    }

    /** The manifest's digest, {@code sha256:…}. */
    public String getDigest() {
        return digest;
    }

    /** The manifest's media type (an OCI index or manifest, a Docker manifest list or manifest), if the registry said. */
    public String getMediaType() {
        return mediaType;
    }

    /** {@code registry/repository@sha256:…}, the reference to pull and run. */
    public String getReference() {
        return registry + "/" + repository + "@" + digest;
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + tag + " = " + digest;
    }
}
