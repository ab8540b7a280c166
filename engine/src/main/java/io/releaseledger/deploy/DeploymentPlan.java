package io.releaseledger.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a deploy will do: one image, pinned by digest, onto the instances of one environment, batch after batch.
 * Stored in the {@code deployment.started} event ({@link #toJson()}), so whoever takes over a deploy whose process
 * died can read what it was doing and reconcile. Immutable.
 */
public final class DeploymentPlan {
    private final String deploymentId;
    private final String application;
    private final String environment;
    private final String version;
    private final String build;
    private final String repository;
    private final String tag;
    private final String digest;
    private final String strategy;
    private final List<List<PlannedInstance>> batches;
    private String commit;
    private Map<String, String> configuration = Map.of();
    private Map<String, Object> settings = Map.of();

    @SuppressWarnings("checkstyle:ParameterNumber")
    public DeploymentPlan(final String deploymentId, final String application, final String environment,
            final String version, final String build, final String repository, final String tag,
            final String digest, final String strategy, final List<List<PlannedInstance>> batches) {
        this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
        this.application = Objects.requireNonNull(application, "application");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.version = Objects.requireNonNull(version, "version");
        this.build = build;
        this.repository = Objects.requireNonNull(repository, "repository");
        this.tag = tag;
        this.digest = Objects.requireNonNull(digest, "digest");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        List<List<PlannedInstance>> copy = new ArrayList<>();
        for (List<PlannedInstance> batch : batches) {
            copy.add(List.copyOf(batch));
        }
        this.batches = Collections.unmodifiableList(copy);
    }

    public String getDeploymentId() {
        return deploymentId;
    }

    public String getApplication() {
        return application;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getVersion() {
        return version;
    }

    /** The build label of the new containers, {@code null} when none was given. */
    public String getBuild() {
        return build;
    }

    /** The commit the version was built from, {@code null} when not known. */
    public String getCommit() {
        return commit;
    }

    /** Returns a copy with the commit set. */
    public DeploymentPlan withCommit(final String commit) {
        DeploymentPlan copy = copy();
        copy.commit = commit;
        return copy;
    }

    /**
     * The containers' configuration from the descriptor (env files and variables) as the SHA-256 (hex) of each value
     * by name, computed where the plan was made (secrets are resolved there); empty when unknown. It goes into
     * {@code deployment.started} as {@code configuration}: a change shows in the ledger, a value never does.
     */
    public Map<String, String> getConfiguration() {
        return configuration;
    }

    /** Returns a copy with the configuration hashes set. */
    public DeploymentPlan withConfiguration(final Map<String, String> configuration) {
        DeploymentPlan copy = copy();
        copy.configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        return copy;
    }

    /**
     * The environment's settings that are not secret (ports, network, restart policy, instances, strategy, env files,
     * the descriptor's fingerprint; the command as a keyed hash), computed where the plan was made; empty when unknown.
     * Recorded in {@code deployment.started} as {@code settings}.
     */
    public Map<String, Object> getSettings() {
        return settings;
    }

    /** Returns a copy with the settings set. */
    public DeploymentPlan withSettings(final Map<String, Object> settings) {
        DeploymentPlan copy = copy();
        copy.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        return copy;
    }

    private DeploymentPlan copy() {
        DeploymentPlan copy = new DeploymentPlan(deploymentId, application, environment, version, build, repository,
                tag, digest, strategy, batches);
        copy.commit = commit;
        copy.configuration = configuration;
        copy.settings = settings;
        return copy;
    }

    /** {@code registry/repository}, without tag or digest. */
    public String getRepository() {
        return repository;
    }

    /** The tag that was resolved, {@code null} when the image was given by digest. */
    public String getTag() {
        return tag;
    }

    /** {@code sha256:…} */
    public String getDigest() {
        return digest;
    }

    /** {@code repository@digest}: what every instance runs. */
    public String getImage() {
        return repository + "@" + digest;
    }

    /** {@code rolling} or {@code recreate}. */
    public String getStrategy() {
        return strategy;
    }

    public List<List<PlannedInstance>> getBatches() {
        return batches;
    }

    /** Every instance, batch after batch. */
    public List<PlannedInstance> getInstances() {
        List<PlannedInstance> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    /** The versions the instances run before the deploy, each once, in instance order. */
    public List<String> getPreviousVersions() {
        List<String> versions = new ArrayList<>();
        for (PlannedInstance instance : getInstances()) {
            PreviousRelease previous = instance.getPrevious();
            if (previous != null && previous.getVersion() != null && !versions.contains(previous.getVersion())) {
                versions.add(previous.getVersion());
            }
        }
        return versions;
    }

    /** Lines a dry run prints. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Plan: " + application + " " + version + " (" + getImage() + ") to " + environment + ", "
                + strategy + ", " + batches.size() + (batches.size() == 1 ? " batch" : " batches"));
        for (int b = 0; b < batches.size(); b++) {
            for (PlannedInstance instance : batches.get(b)) {
                PreviousRelease previous = instance.getPrevious();
                lines.add("  batch " + (b + 1) + ": " + instance.describe()
                        + (instance.hasLoadBalancer() ? ", server " + instance.getBackend() + "/" + instance.getServer() : "")
                        + ", replaces " + (previous == null ? "nothing" : previous.getVersion() + " (" + previous.getDigest() + ")"));
            }
        }
        return lines;
    }

    /**
     * The plan as JSON: what {@code deployment.started} stores under {@code plan} (without {@code configuration},
     * which it stores beside it) and what travels between the controller and the agent.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deploymentId", deploymentId);
        json.put("application", application);
        json.put("environment", environment);
        json.put("version", version);
        json.put("build", build);
        json.put("commit", commit);
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("repository", repository);
        image.put("tag", tag);
        image.put("digest", digest);
        json.put("image", image);
        json.put("strategy", strategy);
        List<Object> batchesJson = new ArrayList<>();
        for (List<PlannedInstance> batch : batches) {
            List<Object> instances = new ArrayList<>();
            batch.forEach(instance -> instances.add(instance.toJson()));
            batchesJson.add(instances);
        }
        json.put("batches", batchesJson);
        // Travels with the plan to and from the agent; deployment.started stores it beside the plan, not in it.
        json.put("configuration", new LinkedHashMap<>(configuration));
        json.put("settings", new LinkedHashMap<>(settings));
        return json;
    }

    /** Reads {@link #toJson()}. */
    @SuppressWarnings("unchecked")
    public static DeploymentPlan fromJson(final Map<String, Object> json) {
        Object image = json.get("image");
        if (!(image instanceof Map)) {
            throw new DeploymentException("The deployment plan has no image; it was not written by this version "
                    + "of Release Ledger.");
        }
        Map<String, Object> imageJson = (Map<String, Object>) image;
        List<List<PlannedInstance>> batches = new ArrayList<>();
        Object batchesJson = json.get("batches");
        if (batchesJson instanceof List) {
            for (Object batch : (List<Object>) batchesJson) {
                List<PlannedInstance> instances = new ArrayList<>();
                for (Object instance : (List<Object>) batch) {
                    instances.add(PlannedInstance.fromJson((Map<String, Object>) instance));
                }
                batches.add(instances);
            }
        }
        return new DeploymentPlan(JsonFields.string(json, "deploymentId"), JsonFields.string(json, "application"),
                JsonFields.string(json, "environment"), JsonFields.string(json, "version"),
                JsonFields.optionalString(json, "build"), JsonFields.string(imageJson, "repository"),
                JsonFields.optionalString(imageJson, "tag"), JsonFields.string(imageJson, "digest"),
                JsonFields.string(json, "strategy"), batches).withCommit(JsonFields.optionalString(json, "commit"))
                .withConfiguration(configuration(json.get("configuration")))
                .withSettings(json.get("settings") instanceof Map<?, ?> settings ? (Map<String, Object>) settings
                        : Map.of());
    }

    private static Map<String, String> configuration(final Object json) {
        Map<String, String> hashes = new LinkedHashMap<>();
        if (json instanceof Map<?, ?> map) {
            map.forEach((name, hash) -> {
                if (name instanceof String && hash instanceof String) {
                    hashes.put((String) name, (String) hash);
                }
            });
        }
        return hashes;
    }

    @Override
    public String toString() {
        return application + " " + version + " to " + environment + " (" + deploymentId + ")";
    }
}
