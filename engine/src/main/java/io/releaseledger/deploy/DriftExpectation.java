package io.releaseledger.deploy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the ledger says an environment runs: the current version and its image digest ({@code null} when nothing was
 * ever deployed there), the deployments recorded there (a container labelled with another one was made by hand), the
 * registry tag a deploy moves ({@code registryTags.environment}), and whether a deploy holds the lock now. Crosses
 * the agent protocol as JSON.
 */
public final class DriftExpectation {
    private final String environment;
    private final String version;
    private final String digest;
    private final List<String> deployments;
    private String registryTag;
    private boolean locked;

    public DriftExpectation(final String environment, final String version, final String digest,
            final List<String> deployments) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.version = version;
        this.digest = digest;
        this.deployments = List.copyOf(deployments);
    }

    /** Reads the expectation from the ledger's state and the environment's events. */
    @SuppressWarnings("unchecked")
    public static DriftExpectation of(final Ledger ledger, final ReleaseDescriptor descriptor,
            final String environment) {
        EnvironmentSpec spec = descriptor.getEnvironment(environment).orElseThrow(() -> new ReleaseLedgerException(
                "The descriptor " + descriptor.getSource() + " has no environment '" + environment + "'."));
        String version = null;
        String digest = null;
        boolean locked = false;
        for (Object env : (List<Object>) ledger.view().state().get("environments")) {
            Map<String, Object> json = (Map<String, Object>) env;
            if (!environment.equals(json.get("name"))) {
                continue;
            }
            locked = json.get("lock") != null;
            if (json.get("current") instanceof Map<?, ?> current) {
                version = current.get("version") instanceof String text ? text : null;
                if (current.get("image") instanceof Map<?, ?> image && image.get("digest") instanceof String text) {
                    digest = text;
                }
            }
        }
        Set<String> deployments = new LinkedHashSet<>();
        for (LedgerEvent event : ledger.events(environment)) {
            if (EventTypes.DEPLOYMENT_STARTED.equals(event.getType())
                    && event.getData().get("deploymentId") instanceof String id) {
                deployments.add(id);
            }
        }
        DriftExpectation expectation = new DriftExpectation(environment, version, digest, new ArrayList<>(deployments))
                .setLocked(locked);
        if (version != null && spec.getRegistryTags() != null && spec.getRegistryTags().isEnvironment()) {
            expectation.setRegistryTag(environment);
        }
        return expectation;
    }

    /** The registry tag that must point at {@link #getDigest()}; {@code null}: the registry is not compared. */
    public DriftExpectation setRegistryTag(final String registryTag) {
        this.registryTag = registryTag;
        return this;
    }

    /** A deploy holds the environment's lock: differences may be the deploy at work. */
    public DriftExpectation setLocked(final boolean locked) {
        this.locked = locked;
        return this;
    }

    public String getEnvironment() {
        return environment;
    }

    /** The version the ledger says runs there, {@code null} when none was ever deployed. */
    public String getVersion() {
        return version;
    }

    /** Its image digest {@code sha256:…}, {@code null} when unknown. */
    public String getDigest() {
        return digest;
    }

    /** The ids of every deployment recorded in the environment, oldest first. */
    public List<String> getDeployments() {
        return deployments;
    }

    public String getRegistryTag() {
        return registryTag;
    }

    public boolean isLocked() {
        return locked;
    }

    /** {@code {environment, version?, digest?, deployments, registryTag?, locked}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", environment);
        json.put("version", version);
        json.put("digest", digest);
        json.put("deployments", new ArrayList<>(deployments));
        json.put("registryTag", registryTag);
        json.put("locked", locked);
        return json;
    }

    public static DriftExpectation fromJson(final Map<String, Object> json) {
        Object environment = json.get("environment");
        Object deployments = json.get("deployments");
        if (!(environment instanceof String) || !(deployments instanceof List<?> ids)) {
            throw new ReleaseLedgerException("the drift expectation lacks its \"environment\" or \"deployments\"");
        }
        List<String> names = new ArrayList<>();
        for (Object id : ids) {
            if (!(id instanceof String)) {
                throw new ReleaseLedgerException("the drift expectation's \"deployments\" must be strings");
            }
            names.add((String) id);
        }
        return new DriftExpectation((String) environment, text(json, "version"), text(json, "digest"), names)
                .setRegistryTag(text(json, "registryTag")).setLocked(Boolean.TRUE.equals(json.get("locked")));
    }

    static String text(final Map<String, Object> json, final String name) {
        Object value = json.get(name);
        if (value != null && !(value instanceof String)) {
            throw new ReleaseLedgerException("\"" + name + "\" of the drift JSON must be a string");
        }
        return (String) value;
    }
}
