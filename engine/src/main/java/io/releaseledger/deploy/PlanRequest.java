package io.releaseledger.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to plan: one version for one environment, its image either by tag (resolved in the registry) or by digest
 * (promotions and rollbacks). Travels to the agent as {@link #toJson()}.
 */
public final class PlanRequest {
    private final String environment;
    private final String version;
    private String tag;
    private String digest;
    private String build;
    private String commit;
    private boolean allowDowngrade;
    private String configurationKey;

    public PlanRequest(final String environment, final String version) {
        this.environment = environment;
        this.version = version;
    }

    /** The image tag to resolve; default the version. */
    public PlanRequest setTag(final String tag) {
        this.tag = tag;
        return this;
    }

    /** Deploy this digest ({@code sha256:…}) without resolving a tag. */
    public PlanRequest setDigest(final String digest) {
        this.digest = digest;
        return this;
    }

    /** The build label of the new containers, such as {@code shop/main#212}. */
    public PlanRequest setBuild(final String build) {
        this.build = build;
        return this;
    }

    public PlanRequest setCommit(final String commit) {
        this.commit = commit;
        return this;
    }

    public PlanRequest setAllowDowngrade(final boolean allowDowngrade) {
        this.allowDowngrade = allowDowngrade;
        return this;
    }

    /**
     * The ledger's key for the configuration's keyed hashes (base64), see {@code Ledger#configurationKey()}: it travels
     * to where the secrets are resolved and never into the ledger or a message.
     */
    public PlanRequest setConfigurationKey(final String configurationKey) {
        this.configurationKey = configurationKey;
        return this;
    }

    /** {@code null} when the caller has none: the values are then not compared. */
    public String getConfigurationKey() {
        return configurationKey;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getVersion() {
        return version;
    }

    public String getTag() {
        return tag;
    }

    public String getDigest() {
        return digest;
    }

    public String getBuild() {
        return build;
    }

    public String getCommit() {
        return commit;
    }

    public boolean isAllowDowngrade() {
        return allowDowngrade;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", environment);
        json.put("version", version);
        json.put("tag", tag);
        json.put("digest", digest);
        json.put("build", build);
        json.put("commit", commit);
        json.put("allowDowngrade", allowDowngrade);
        if (configurationKey != null) {
            json.put("configurationKey", configurationKey);
        }
        return json;
    }

    public static PlanRequest fromJson(final Map<String, Object> json) {
        PlanRequest request = new PlanRequest(text(json, "environment"), text(json, "version"));
        return request.setTag(text(json, "tag")).setDigest(text(json, "digest")).setBuild(text(json, "build"))
                .setCommit(text(json, "commit")).setAllowDowngrade(Boolean.TRUE.equals(json.get("allowDowngrade")))
                .setConfigurationKey(text(json, "configurationKey"));
    }

    private static String text(final Map<String, Object> json, final String name) {
        Object value = json.get(name);
        return value instanceof String ? (String) value : null;
    }
}
