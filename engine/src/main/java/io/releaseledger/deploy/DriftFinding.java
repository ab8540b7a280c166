package io.releaseledger.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One difference between an environment's reality and its ledger: what kind, where, what was expected and seen. */
public final class DriftFinding {
    /** An instance the ledger expects has no container. */
    public static final String MISSING = "missing";
    /** A container of the environment does not run. */
    public static final String STOPPED = "stopped";
    /** A container runs another image than the ledger's digest. */
    public static final String IMAGE = "image";
    /** A container's version label is not the ledger's version. */
    public static final String VERSION = "version";
    /** A container with the environment's labels that no recorded deploy made. */
    public static final String UNRECORDED = "unrecorded";
    /** A load-balancer server that does not take traffic (maintenance, drain, down) or is not there. */
    public static final String SERVER = "server";
    /** A Swarm service's spec asks for another number of replicas than the descriptor gives. */
    public static final String REPLICAS = "replicas";
    /** A Swarm service's last update is paused, or was rolled back to something else than the ledger's release. */
    public static final String UPDATE = "update";
    /** The environment's registry tag points elsewhere or is gone. */
    public static final String REGISTRY_TAG = "registry-tag";

    private final String kind;
    private final String subject;
    private final String expected;
    private final String actual;

    /**
     * @param subject where: {@code host/container}, {@code host/service}, {@code host/service.slot},
     *                {@code backend/server} or {@code repository:tag}
     */
    public DriftFinding(final String kind, final String subject, final String expected, final String actual) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.actual = Objects.requireNonNull(actual, "actual");
    }

    public String getKind() {
        return kind;
    }

    public String getSubject() {
        return subject;
    }

    public String getExpected() {
        return expected;
    }

    public String getActual() {
        return actual;
    }

    /** {@code h/shop-web-1: runs sha256:1234abcd…, the ledger says sha256:9876fedc… (image)}. */
    public String describe() {
        return subject + ": " + actual + ", the ledger says " + expected + " (" + kind + ")";
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind);
        json.put("subject", subject);
        json.put("expected", expected);
        json.put("actual", actual);
        return json;
    }

    static DriftFinding fromJson(final Map<String, Object> json) {
        return new DriftFinding(String.valueOf(json.get("kind")), String.valueOf(json.get("subject")),
                String.valueOf(json.get("expected")), String.valueOf(json.get("actual")));
    }

    @Override
    public String toString() {
        return describe();
    }
}
