package io.releaseledger.ledger;

import io.releaseledger.ReleaseLedgerException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where an event came from: a Jenkins build ({@code kind} {@code jenkins}: job, build number, URL, whether it
 * builds a change request) or a CLI run ({@code kind} {@code cli}: user and host). Absent values are left out
 * of the JSON.
 */
public final class Origin {
    public static final String JENKINS = "jenkins";
    public static final String CLI = "cli";

    private final String kind;
    private final String job;
    private final Integer build;
    private final String url;
    private final boolean changeRequest;
    private final String user;
    private final String host;

    private Origin(final String kind, final String job, final Integer build, final String url,
            final boolean changeRequest, final String user, final String host) {
        this.kind = kind;
        this.job = job;
        this.build = build;
        this.url = url;
        this.changeRequest = changeRequest;
        this.user = user;
        this.host = host;
    }

    public static Origin build(final String job, final int number, final String url, final boolean changeRequest) {
        if (job == null || job.isBlank()) {
            throw new ReleaseLedgerException("A build origin needs the job's full name.");
        }
        return new Origin(JENKINS, job, number, url, changeRequest, null, null);
    }

    public static Origin cli(final String user, final String host) {
        return new Origin(CLI, null, null, null, false, user, host);
    }

    /** {@code jenkins} or {@code cli}; an unknown kind read from a newer ledger is kept as it is. */
    public String getKind() {
        return kind;
    }

    public String getJob() {
        return job;
    }

    public Integer getBuild() {
        return build;
    }

    public String getUrl() {
        return url;
    }

    public String getUser() {
        return user;
    }

    public String getHost() {
        return host;
    }

    public boolean isChangeRequest() {
        return changeRequest;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind);
        if (JENKINS.equals(kind)) {
            json.put("job", job);
            json.put("build", build);
            putIfPresent(json, "url", url);
            json.put("changeRequest", changeRequest);
        } else {
            putIfPresent(json, "job", job);
            putIfPresent(json, "build", build);
            putIfPresent(json, "url", url);
            if (changeRequest) {
                json.put("changeRequest", true);
            }
            putIfPresent(json, "user", user);
            putIfPresent(json, "host", host);
        }
        return json;
    }

    private static void putIfPresent(final Map<String, Object> json, final String key, final Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    /** Reads {@link #toJson()} leniently: fields of the wrong type are treated as absent. */
    public static Origin fromJson(final Map<String, Object> json) {
        if (json == null) {
            throw new ReleaseLedgerException("The event has no origin.");
        }
        String kind = string(json, "kind");
        Object build = json.get("build");
        Integer number = build instanceof Number n && n.longValue() == n.intValue() ? n.intValue() : null;
        return new Origin(kind == null ? "unknown" : kind, string(json, "job"), number, string(json, "url"),
                Boolean.TRUE.equals(json.get("changeRequest")), string(json, "user"), string(json, "host"));
    }

    private static String string(final Map<String, Object> json, final String key) {
        Object value = json.get(key);
        return value instanceof String ? (String) value : null;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Origin that && kind.equals(that.kind) && Objects.equals(job, that.job)
                && Objects.equals(build, that.build) && Objects.equals(url, that.url)
                && changeRequest == that.changeRequest && Objects.equals(user, that.user)
                && Objects.equals(host, that.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, job, build, url, changeRequest, user, host);
    }

    @Override
    public String toString() {
        return JENKINS.equals(kind) ? job + " #" + build : kind + " " + user + "@" + host;
    }
}
