package io.releaseledger.registry;

import io.releaseledger.json.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Talks to one registry through the Registry HTTP API v2: resolves a tag to its manifest digest and puts an
 * existing manifest under another tag. Authenticates when the registry asks (Basic, or a bearer token from the
 * realm the challenge names, with the credentials if any). Plain http for loopback addresses or when
 * {@link #setInsecure(boolean) insecure}, https otherwise.
 *
 * <p>Credentials stay with their origin (scheme, host and port): a redirect to another origin is followed without
 * the {@code Authorization} header, and nothing at all is sent over plain http to a host that is not a loopback
 * address (except the registry itself when insecure), so a token realm or redirect cannot downgrade to clear text.
 *
 * <pre>{@code
 * ResolvedImage image = new RegistryClient("registry.example.com")
 *         .setCredentials(RegistryCredentials.of("ci", token))
 *         .resolve("shop/web", "1.4.0");
 * engine.pull(image.getReference(), credentials);
 * }</pre>
 */
public final class RegistryClient {
    /** What this client accepts, OCI and Docker, indexes first, so a multi-platform tag resolves to its index. */
    static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    /** Redirects followed per request; registries redirect once or twice (to a blob store). */
    static final int MAX_REDIRECTS = 5;

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
            + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    private final String registry;
    private RegistryCredentials credentials;
    private boolean insecure;
    private Duration timeout = Duration.ofSeconds(30);
    private HttpClient http;
    private volatile String authorization;

    /** @param registry {@code host[:port]}, such as {@code 127.0.0.1:5000}; {@code docker.io} means Docker Hub */
    public RegistryClient(final String registry) {
        String value = Objects.requireNonNull(registry, "registry").trim();
        if (value.isEmpty() || value.contains("/")) {
            throw new IllegalArgumentException("registry '" + registry + "' must be host[:port], without scheme or path");
        }
        this.registry = value;
    }

    /** Credentials for the registry; without them only anonymous access is tried. */
    public RegistryClient setCredentials(final RegistryCredentials credentials) {
        this.credentials = credentials;
        this.authorization = null;
        return this;
    }

    /** Plain http even for a registry that is not on a loopback address. */
    public RegistryClient setInsecure(final boolean insecure) {
        this.insecure = insecure;
        return this;
    }

    /** Connect and response time limit of each request (default 30 s). */
    public RegistryClient setTimeout(final Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = null;
        return this;
    }

    public String getRegistry() {
        return registry;
    }

    /** {@code http://host:port} or {@code https://host:port}: where the API is. */
    public URI getBaseUri() {
        String host = registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
        return URI.create((usesPlainHttp() ? "http://" : "https://") + host);
    }

    /** Resolves {@code reference}'s tag; its registry must be this client's. */
    public ResolvedImage resolve(final ImageReference reference) {
        if (!reference.getRegistry().equals(registry)) {
            throw new IllegalArgumentException("image " + reference + " is in registry " + reference.getRegistry()
                    + ", not in " + registry);
        }
        String tag = reference.getTag().orElseThrow(() -> new IllegalArgumentException("image " + reference
                + " has no tag to resolve"));
        return resolve(reference.getRepository(), tag);
    }

    /**
     * Resolves {@code repository:tag} to the digest of the manifest (or index) it points at.
     *
     * @throws ImageNotFoundException naming repository and tag when either does not exist
     * @throws RegistryException      when the registry cannot be reached, refuses the credentials or answers oddly
     */
    public ResolvedImage resolve(final String repository, final String tag) {
        checkName(repository, tag);
        String what = "resolving " + describe(repository, ":" + tag);
        URI uri = manifestUri(repository, tag);
        HttpResponse<byte[]> head = send(what, repository, () -> HttpRequest.newBuilder(uri)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", MANIFEST_TYPES));
        if (head.statusCode() == 404) {
            throw notFound(repository, ":" + tag, uri);
        }
        expect(what, head, 200);
        String digest = head.headers().firstValue("Docker-Content-Digest").orElse(null);
        String mediaType = head.headers().firstValue("Content-Type").orElse(null);
        if (digest == null) {
            // Some registries send the digest only with GET: compute it from the bytes then.
            HttpResponse<byte[]> get = send(what, repository, () -> HttpRequest.newBuilder(uri).GET()
                    .header("Accept", MANIFEST_TYPES));
            expect(what, get, 200);
            digest = sha256(get.body());
            mediaType = get.headers().firstValue("Content-Type").orElse(mediaType);
        }
        if (!DIGEST.matcher(digest).matches()) {
            throw new RegistryException(what + ": the registry answered the digest '" + digest
                    + "', which is not sha256:<64 hex>; only sha256 manifests are supported");
        }
        return new ResolvedImage(registry, repository, tag, digest, mediaType);
    }

    /**
     * Puts the manifest {@code digest} of {@code repository} under {@code newTag} too (moving the tag if it pointed
     * elsewhere). Nothing is uploaded but the manifest; its layers are in the repository already.
     *
     * @throws ImageNotFoundException when the repository has no such manifest
     */
    public ResolvedImage tag(final String repository, final String digest, final String newTag) {
        checkName(repository, newTag);
        if (!DIGEST.matcher(Objects.requireNonNull(digest, "digest")).matches()) {
            throw new IllegalArgumentException("'" + digest + "' is not a sha256 digest");
        }
        String what = "tagging " + describe(repository, "@" + digest) + " as " + newTag;
        URI source = manifestUri(repository, digest);
        HttpResponse<byte[]> get = send(what, repository, () -> HttpRequest.newBuilder(source).GET()
                .header("Accept", MANIFEST_TYPES));
        if (get.statusCode() == 404) {
            throw notFound(repository, "@" + digest, source);
        }
        expect(what, get, 200);
        byte[] manifest = get.body();
        if (!sha256(manifest).equals(digest)) {
            throw new RegistryException(what + ": the manifest the registry sent does not hash to " + digest
                    + "; refusing to tag it. Check the registry (a proxy rewriting manifests?)");
        }
        String mediaType = get.headers().firstValue("Content-Type").orElseThrow(() -> new RegistryException(what
                + ": the registry sent the manifest without a Content-Type; cannot put it back"));
        HttpResponse<byte[]> put = send(what, repository, () -> HttpRequest.newBuilder(manifestUri(repository, newTag))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).header("Content-Type", mediaType));
        expect(what, put, 201);
        String stored = put.headers().firstValue("Docker-Content-Digest").orElse(digest);
        if (!stored.equals(digest)) {
            throw new RegistryException(what + ": the registry stored the manifest as " + stored + ", not " + digest);
        }
        return new ResolvedImage(registry, repository, newTag, digest, mediaType);
    }

    private HttpResponse<byte[]> send(final String what, final String repository,
            final Supplier<HttpRequest.Builder> request) {
        HttpResponse<byte[]> response = exchange(what, request, authorization);
        if (response.statusCode() != 401) {
            return response;
        }
        AuthChallenge challenge = AuthChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(""));
        String fresh;
        if (challenge.isBasic()) {
            if (credentials == null) {
                throw new RegistryException(what + ": registry " + registry + " needs a login (Basic); configure "
                        + "registry credentials");
            }
            fresh = basic(credentials);
        } else if (challenge.isBearer()) {
            fresh = "Bearer " + token(what, challenge);
        } else {
            throw new RegistryException(what + ": registry " + registry + " refused access (HTTP 401) with the "
                    + "unsupported challenge '" + challenge + "'; only Basic and Bearer are supported");
        }
        HttpResponse<byte[]> retried = exchange(what, request, fresh);
        if (retried.statusCode() == 401 || retried.statusCode() == 403) {
            throw new RegistryException(what + ": registry " + registry + " refused "
                    + (credentials == null ? "anonymous access" : "the credentials of " + credentials)
                    + " for repository " + repository + " (HTTP " + retried.statusCode() + "); "
                    + (credentials == null ? "configure registry credentials" : "check the user, the password or "
                    + "token, and the user's permissions on the repository"));
        }
        authorization = fresh;
        return retried;
    }

    private String token(final String what, final AuthChallenge challenge) {
        String realm = challenge.get("realm");
        if (realm == null || realm.isBlank()) {
            throw new RegistryException(what + ": registry " + registry + " asked for a bearer token without a realm");
        }
        StringBuilder query = new StringBuilder();
        for (String name : new String[] {"service", "scope"}) {
            String value = challenge.get(name);
            if (value != null) {
                query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        URI uri;
        try {
            uri = URI.create(realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
        } catch (IllegalArgumentException e) {
            throw new RegistryException(what + ": registry " + registry + " named the malformed token realm '"
                    + realm + "'", e);
        }
        String tokenWhat = what + " (token from " + describe(uri) + ")";
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new RegistryException(what + ": registry " + registry + " named the token realm '" + realm
                    + "', which is not an http(s) address; refusing to fetch a token there");
        }
        HttpResponse<byte[]> response = exchange(tokenWhat, () -> HttpRequest.newBuilder(uri).GET(),
                credentials == null ? null : basic(credentials));
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RegistryException(tokenWhat + ": the token service refused "
                    + (credentials == null ? "anonymous access; configure registry credentials"
                    : "the credentials of " + credentials + "; check the user and the password or token")
                    + " (HTTP " + response.statusCode() + ")");
        }
        expect(tokenWhat, response, 200);
        Map<String, Object> body;
        try {
            body = Json.parseObject(new String(response.body(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new RegistryException(tokenWhat + ": the token service did not answer JSON", e);
        }
        Object token = body.get("token") instanceof String ? body.get("token") : body.get("access_token");
        if (!(token instanceof String) || ((String) token).isEmpty()) {
            throw new RegistryException(tokenWhat + ": the token service's answer holds no token");
        }
        return (String) token;
    }

    private HttpResponse<byte[]> exchange(final String what, final Supplier<HttpRequest.Builder> request,
            final String auth) {
        URI origin = request.get().build().uri();
        URI target = origin;
        String method = null;
        for (int redirects = 0; ; redirects++) {
            refusePlainHttp(what, target);
            // Credentials were given for the origin of the first request only; another origin gets none.
            HttpResponse<byte[]> response = exchangeOnce(what, request, target, method,
                    sameOrigin(origin, target) ? auth : null);
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            String location = response.headers().firstValue("Location").orElse(null);
            if (!redirect || location == null) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new RegistryException(what + ": registry " + registry + " redirected more than "
                        + MAX_REDIRECTS + " times; last to " + describe(target.resolve(location)));
            }
            try {
                target = target.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw new RegistryException(what + ": registry " + registry + " redirected to the malformed address '"
                        + location + "'", e);
            }
            if (status == 303 && !"HEAD".equals(response.request().method())) {
                method = "GET";
            }
        }
    }

    private HttpResponse<byte[]> exchangeOnce(final String what, final Supplier<HttpRequest.Builder> request,
            final URI target, final String method, final String auth) {
        HttpRequest.Builder builder = request.get().uri(target).timeout(timeout)
                .header("User-Agent", "release-ledger")
                .header("Docker-Distribution-Api-Version", "registry/2.0");
        if (method != null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (auth != null) {
            builder.header("Authorization", auth);
        }
        HttpRequest built = builder.build();
        try {
            return client().send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryException(what + ": cannot reach registry " + registry + " at "
                    + built.uri().getScheme() + "://" + built.uri().getAuthority() + " (" + describe(e)
                    + "). Check the registry address and that it runs"
                    + (usesPlainHttp() ? "" : "; a registry without TLS needs the insecure setting"), e);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(what + ": cannot send a request to " + describe(built.uri()) + " ("
                    + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(what + ": interrupted", e);
        }
    }

    /** Plain http only to a loopback address, or to the registry itself when it is insecure: never clear text off the host. */
    private void refusePlainHttp(final String what, final URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && (isLoopback(target.getHost()) || insecure && sameOrigin(getBaseUri(), target))) {
            return;
        }
        throw new RegistryException(what + ": registry " + registry + " sent the client to " + describe(target)
                + "; refusing to send anything there: plain http is used only for loopback addresses (and for the "
                + "registry itself when it is configured as insecure), so credentials never travel in clear text. "
                + "Configure the registry's token service or redirect target with https");
    }

    /** Same scheme, host and port (default ports filled in). */
    static boolean sameOrigin(final URI a, final URI b) {
        return a.getScheme() != null && b.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && b.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(final URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Scheme, host, port and path: never user info or the query, which may hold a login, a scope or an account. */
    private static String describe(final URI uri) {
        return uri.getScheme() + "://" + (uri.getHost() == null ? "?" : uri.getHost())
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private void expect(final String what, final HttpResponse<byte[]> response, final int status) {
        if (response.statusCode() != status) {
            throw new RegistryException(what + ": registry " + registry + " answered HTTP " + response.statusCode()
                    + errorText(response) + " to " + response.request().method() + " " + response.uri().getPath());
        }
    }

    private ImageNotFoundException notFound(final String repository, final String tagOrDigest, final URI uri) {
        // HEAD has no body: ask again with GET for the registry's error code (repository or manifest unknown).
        HttpResponse<byte[]> get = exchange("reading the error", () -> HttpRequest.newBuilder(uri).GET()
                .header("Accept", MANIFEST_TYPES), authorization);
        String body = new String(get.body() == null ? new byte[0] : get.body(), StandardCharsets.UTF_8);
        String image = registry + "/" + repository + tagOrDigest;
        String kind = tagOrDigest.startsWith(":") ? "tag " + tagOrDigest.substring(1) : "manifest " + tagOrDigest.substring(1);
        if (body.contains("NAME_UNKNOWN") || !repositoryExists(repository)) {
            return new ImageNotFoundException("image " + image + " does not exist: registry " + registry
                    + " has no repository " + repository + ". Check the repository name, or push the image first");
        }
        return new ImageNotFoundException("image " + image + " does not exist: repository " + repository
                + " in registry " + registry + " has no " + kind + ". Check the version, or push the image first");
    }

    /** Docker Distribution answers MANIFEST_UNKNOWN for a missing repository too; its tag list tells them apart. */
    private boolean repositoryExists(final String repository) {
        URI tags = getBaseUri().resolve("/v2/" + repository + "/tags/list?n=1");
        try {
            return exchange("listing tags", () -> HttpRequest.newBuilder(tags).GET(), authorization).statusCode() != 404;
        } catch (RegistryException e) {
            return true; // cannot tell: report the missing tag
        }
    }

    private static String errorText(final HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return " (" + (text.length() > 300 ? text.substring(0, 300) + "…" : text) + ")";
    }

    private URI manifestUri(final String repository, final String reference) {
        return getBaseUri().resolve("/v2/" + repository + "/manifests/" + reference);
    }

    private String describe(final String repository, final String suffix) {
        return registry + "/" + repository + suffix;
    }

    private boolean usesPlainHttp() {
        return insecure || isLoopback(URI.create("http://" + registry).getHost());
    }

    /** {@code localhost} or a literal loopback address; other names are not resolved (DNS could point anywhere). */
    static boolean isLoopback(final String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (host.matches("[0-9.]+") || host.startsWith("[") || host.contains(":")) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    private static void checkName(final String repository, final String tag) {
        if (!REPOSITORY.matcher(Objects.requireNonNull(repository, "repository")).matches()) {
            throw new IllegalArgumentException("repository '" + repository + "' is malformed; use lower-case letters, "
                    + "digits and . _ - separated by /");
        }
        if (!TAG.matcher(Objects.requireNonNull(tag, "tag")).matches()) {
            throw new IllegalArgumentException("tag '" + tag + "' is malformed; use letters, digits, _ . - "
                    + "(at most 128, not starting with . or -)");
        }
    }

    private static String basic(final RegistryCredentials credentials) {
        return "Basic " + Base64.getEncoder().encodeToString((credentials.getUsername() + ":"
                + credentials.getPassword()).getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(final byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String describe(final IOException e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
