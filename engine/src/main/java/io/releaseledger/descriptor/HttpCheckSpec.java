package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request that must answer as expected: status, body (contains, matches, no forbidden strings), JSON fields,
 * headers and latency. Secrets (a token header, basic auth) are references only.
 */
public final class HttpCheckSpec implements HealthCheckSpec {
    private final String url;
    private final CheckOptions options;
    private String method = "GET";
    private Map<String, String> headers = Map.of();
    private List<Integer> statuses = List.of(200);
    private List<String> bodyContains = List.of();
    private List<String> bodyMatches = List.of();
    private List<String> mustNotContain = List.of();
    private boolean forbiddenStrings = true;
    private Map<String, String> jsonEquals = Map.of();
    private Map<String, String> headerEquals = Map.of();
    private Duration latency;
    private boolean verifyTls = true;
    private String caFile;
    private String tokenHeader;
    private String tokenPrefix = "";
    private SecretReference token;
    private String basicUser;
    private SecretReference basicPassword;

    HttpCheckSpec(final String url, final CheckOptions options) {
        this.url = url;
        this.options = options;
    }

    @Override
    public Type getType() {
        return Type.HTTP;
    }

    @Override
    public CheckOptions getOptions() {
        return options;
    }

    /** URL pattern with {@code {address}}, {@code {port}}, {@code {host}}, {@code {instance}}, {@code {environment}}. */
    public String getUrl() {
        return url;
    }

    /** The URL of one instance. */
    public String url(final String environment, final DockerHostSpec host, final int instance, final int port) {
        return Placeholders.replace(url, environment, host.getName(), host.getAddress(), instance, port);
    }

    /** The first expected status (kept for callers of the health gate). */
    public int getExpectedStatus() {
        return statuses.get(0);
    }

    /** The statuses that pass. */
    public List<Integer> getExpectedStatuses() {
        return statuses;
    }

    /** Timeout of one request. */
    public Duration getTimeout() {
        return options.getTimeout();
    }

    public String getMethod() {
        return method;
    }

    /** Request headers that are not secrets. */
    public Map<String, String> getHeaders() {
        return headers;
    }

    /** Texts the body must contain. */
    public List<String> getBodyContains() {
        return bodyContains;
    }

    /** Regular expressions (validated) the body must match somewhere. */
    public List<String> getBodyMatches() {
        return bodyMatches;
    }

    /** Texts the body must not contain, besides the forbidden strings. */
    public List<String> getMustNotContain() {
        return mustNotContain;
    }

    /** Whether the section's forbidden strings (or the default list) apply to this check's body. */
    public boolean isForbiddenStrings() {
        return forbiddenStrings;
    }

    /** JSON Pointer (validated) to the expected value, compared as text ({@code "ok"}, {@code 3}, {@code true}). */
    public Map<String, String> getJsonEquals() {
        return jsonEquals;
    }

    /** Response header name to its expected value. */
    public Map<String, String> getHeaderEquals() {
        return headerEquals;
    }

    /** The latency budget of the whole answer, or {@code null}. */
    public Duration getLatency() {
        return latency;
    }

    public boolean isVerifyTls() {
        return verifyTls;
    }

    /** A PEM or DER certificate file of the CA to trust besides the system's, or {@code null}. */
    public String getCaFile() {
        return caFile;
    }

    /** The header that carries the token secret, or {@code null} without a token. */
    public String getTokenHeader() {
        return tokenHeader;
    }

    /** Text before the token in its header, such as {@code Bearer }. */
    public String getTokenPrefix() {
        return tokenPrefix;
    }

    /** The token, or {@code null}. */
    public SecretReference getToken() {
        return token;
    }

    /** The basic-auth user name, or {@code null} without basic auth. */
    public String getBasicUser() {
        return basicUser;
    }

    /** The basic-auth password, or {@code null}. */
    public SecretReference getBasicPassword() {
        return basicPassword;
    }

    void setMethod(final String method) {
        this.method = method;
    }

    void setHeaders(final Map<String, String> headers) {
        this.headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    void setStatuses(final List<Integer> statuses) {
        this.statuses = List.copyOf(statuses);
    }

    void setBodyContains(final List<String> texts) {
        this.bodyContains = List.copyOf(texts);
    }

    void setBodyMatches(final List<String> patterns) {
        this.bodyMatches = List.copyOf(patterns);
    }

    void setMustNotContain(final List<String> texts) {
        this.mustNotContain = List.copyOf(texts);
    }

    void setForbiddenStrings(final boolean forbiddenStrings) {
        this.forbiddenStrings = forbiddenStrings;
    }

    void setJsonEquals(final Map<String, String> jsonEquals) {
        this.jsonEquals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(jsonEquals));
    }

    void setHeaderEquals(final Map<String, String> headerEquals) {
        this.headerEquals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headerEquals));
    }

    void setLatency(final Duration latency) {
        this.latency = latency;
    }

    void setTls(final boolean verify, final String caFile) {
        this.verifyTls = verify;
        this.caFile = caFile;
    }

    void setToken(final String header, final String prefix, final SecretReference token) {
        this.tokenHeader = header;
        this.tokenPrefix = prefix;
        this.token = token;
    }

    void setBasicAuth(final String user, final SecretReference password) {
        this.basicUser = user;
        this.basicPassword = password;
    }
}
