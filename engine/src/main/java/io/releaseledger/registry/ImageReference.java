package io.releaseledger.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference split as Docker splits it: {@code [registry/]repository[:tag][@digest]}. The first path
 * component is the registry when it holds a dot or a colon or is {@code localhost}; otherwise the registry is
 * {@code docker.io} and a one-component repository gets Docker Hub's {@code library/}.
 */
public final class ImageReference {
    /** The registry of references without one. */
    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
            + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final String registry;
    private final String repository;
    private final String tag;
    private final String digest;

    private ImageReference(final String registry, final String repository, final String tag, final String digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * Splits {@code text}.
     *
     * @throws IllegalArgumentException naming the part that is malformed
     */
    public static ImageReference parse(final String text) {
        String rest = Objects.requireNonNull(text, "text").trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("image '" + text + "' has the malformed digest '" + digest
                        + "'; expected sha256: and 64 lower-case hex digits");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("image '" + text + "' has the malformed tag '" + tag + "'");
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (!REPOSITORY.matcher(rest).matches()) {
            throw new IllegalArgumentException("image '" + text + "' has the malformed repository '" + rest
                    + "'; use lower-case letters, digits and . _ - separated by /");
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** Host and port of the registry, or {@value #DOCKER_HUB}. */
    public String getRegistry() {
        return registry;
    }

    /** The repository's path inside the registry, such as {@code shop/web}. */
    public String getRepository() {
        return repository;
    }

    public Optional<String> getTag() {
        return Optional.ofNullable(tag);
    }

    /** {@code sha256:…} */
    public Optional<String> getDigest() {
        return Optional.ofNullable(digest);
    }

    /** {@code registry/repository}, the name Docker shows. */
    public String getName() {
        return registry + "/" + repository;
    }

    /** {@code registry/repository@digest}: this image pinned to {@code digest}, without a tag. */
    public String withDigest(final String manifestDigest) {
        if (!DIGEST.matcher(Objects.requireNonNull(manifestDigest, "manifestDigest")).matches()) {
            throw new IllegalArgumentException("'" + manifestDigest + "' is not a sha256 digest");
        }
        return getName() + "@" + manifestDigest;
    }

    @Override
    public boolean equals(final Object other) {
        if (!(other instanceof ImageReference)) {
            return false;
        }
        ImageReference that = (ImageReference) other;
        return registry.equals(that.registry) && repository.equals(that.repository) && Objects.equals(tag, that.tag)
                && Objects.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tag, digest);
    }

    /** {@code registry/repository[:tag][@digest]} */
    @Override
    public String toString() {
        return getName() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
