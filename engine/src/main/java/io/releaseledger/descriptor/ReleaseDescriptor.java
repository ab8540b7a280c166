package io.releaseledger.descriptor;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An application's release descriptor ({@code release-ledger.yaml}): its image repository and its environments in
 * promotion order. Read with {@link DescriptorLoader}; always valid once built.
 */
public final class ReleaseDescriptor {
    private final int schemaVersion;
    private final String application;
    private final String image;
    private final List<EnvironmentSpec> environments;
    private final String source;
    private final YamlNode document;
    private Map<String, String> overrides = Map.of();
    private String fingerprint;

    ReleaseDescriptor(final int schemaVersion, final String application, final String image,
            final List<EnvironmentSpec> environments, final String source, final YamlNode document) {
        this.schemaVersion = schemaVersion;
        this.application = application;
        this.image = image;
        this.environments = List.copyOf(environments);
        this.source = source;
        this.document = document;
    }

    public int getSchemaVersion() {
        return schemaVersion;
    }

    public String getApplication() {
        return application;
    }

    /** The image repository, without tag or digest: {@code registry.example.com:5000/shop}. */
    public String getImage() {
        return image;
    }

    /** The environments in promotion order. */
    public List<EnvironmentSpec> getEnvironments() {
        return environments;
    }

    public Optional<EnvironmentSpec> getEnvironment(final String name) {
        return environments.stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    /** Where the descriptor was read from (a file name, or what the caller said). */
    public String getSource() {
        return source;
    }

    /**
     * {@code sha256:<hex>} of the text it was read from (with the overrides, if any, appended in order), as
     * {@code sha256sum} gives it for a descriptor without overrides; {@code null} when not read from text. A
     * deployment records it, so the Releases page can say the descriptor changed.
     */
    public String getFingerprint() {
        return fingerprint;
    }

    ReleaseDescriptor withFingerprint(final String fingerprint) {
        this.fingerprint = fingerprint;
        return this;
    }

    /**
     * This descriptor with single values replaced, for step parameters and command options:
     * {@code environments.staging.strategy=recreate}, {@code environments.production.instances.count=2},
     * {@code image=registry:5000/shop-canary}. Keys are dotted paths; an environment is named by its name, a list
     * item by its index. The result is validated as a whole, like the file.
     *
     * @throws DescriptorException naming every bad key or value
     */
    public ReleaseDescriptor withOverrides(final Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        Problems problems = new Problems(source + " with overrides");
        YamlNode changed = Overrides.apply(document, overrides, problems);
        ReleaseDescriptor result = DescriptorReader.read(changed, problems, source);
        Map<String, String> applied = new TreeMap<>(this.overrides);
        overrides.forEach((key, value) -> applied.put(key.trim(), value));
        result.overrides = Collections.unmodifiableMap(applied);
        // The fingerprint covers the overrides too: a deploy with other overrides is another configuration.
        StringBuilder text = new StringBuilder(fingerprint == null ? "" : fingerprint);
        overrides.forEach((key, value) -> text.append('\n').append(key).append('=').append(value));
        return result.withFingerprint(fingerprint == null ? null : DescriptorLoader.sha256(text.toString()));
    }

    /** The overrides applied to the file, by key; empty for the file as it is. */
    public Map<String, String> getOverrides() {
        return overrides;
    }

    /** {@code key=value, key=value}: the overrides as the plan shows them; empty without any. */
    public String describeOverrides() {
        StringBuilder text = new StringBuilder();
        overrides.forEach((key, value) -> text.append(text.length() == 0 ? "" : ", ").append(key).append('=')
                .append(value));
        return text.toString();
    }
}
