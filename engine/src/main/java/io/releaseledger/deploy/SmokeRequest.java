package io.releaseledger.deploy;

import io.releaseledger.ReleaseLedgerException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link SmokeCheckExecutor} is asked to run: an environment's smoke checks, for a version (recorded with the
 * results), the image digest its containers must run (the {@code container} check), and whether to stop at the
 * first failure ({@code null}: as the descriptor says). Crosses the agent protocol as JSON.
 */
public final class SmokeRequest {
    private final String environment;
    private String version;
    private String digest;
    private Boolean failFast;
    private DriftExpectation drift;

    public SmokeRequest(final String environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public SmokeRequest setVersion(final String version) {
        this.version = version;
        return this;
    }

    /** The digest ({@code sha256:…}) the environment's containers must run; {@code null}: not compared. */
    public SmokeRequest setDigest(final String digest) {
        this.digest = digest;
        return this;
    }

    /** Stop at the first failure; {@code null} takes the descriptor's {@code failFast}. */
    public SmokeRequest setFailFast(final Boolean failFast) {
        this.failFast = failFast;
        return this;
    }

    /** What the ledger says runs there, for a {@code drift} check; {@code null} when none is declared. */
    public SmokeRequest setDrift(final DriftExpectation drift) {
        this.drift = drift;
        return this;
    }

    public DriftExpectation getDrift() {
        return drift;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getVersion() {
        return version;
    }

    public String getDigest() {
        return digest;
    }

    public Boolean getFailFast() {
        return failFast;
    }

    /** {@code {environment, version?, digest?, failFast?, drift?}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", environment);
        putIfSet(json, "version", version);
        putIfSet(json, "digest", digest);
        putIfSet(json, "failFast", failFast);
        putIfSet(json, "drift", drift == null ? null : drift.toJson());
        return json;
    }

    public static SmokeRequest fromJson(final Map<String, Object> json) {
        Object environment = json.get("environment");
        if (!(environment instanceof String) || ((String) environment).isBlank()) {
            throw new ReleaseLedgerException("the smoke request lacks its \"environment\"");
        }
        Object failFast = json.get("failFast");
        if (failFast != null && !(failFast instanceof Boolean)) {
            throw new ReleaseLedgerException("\"failFast\" of the smoke request must be true, false or absent");
        }
        Object drift = json.get("drift");
        if (drift != null && !(drift instanceof Map)) {
            throw new ReleaseLedgerException("\"drift\" of the smoke request must be an object or absent");
        }
        @SuppressWarnings("unchecked")
        DriftExpectation expectation = drift == null ? null : DriftExpectation.fromJson((Map<String, Object>) drift);
        return new SmokeRequest((String) environment).setVersion(text(json, "version"))
                .setDigest(text(json, "digest")).setFailFast((Boolean) failFast).setDrift(expectation);
    }

    private static String text(final Map<String, Object> json, final String name) {
        Object value = json.get(name);
        if (value != null && !(value instanceof String)) {
            throw new ReleaseLedgerException("\"" + name + "\" of the smoke request must be a string");
        }
        return (String) value;
    }

    private static void putIfSet(final Map<String, Object> json, final String name, final Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
