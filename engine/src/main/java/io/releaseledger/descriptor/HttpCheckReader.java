package io.releaseledger.descriptor;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the {@code http} and {@code denies} checks. */
final class HttpCheckReader {
    private static final Set<String> HTTP_KEYS = Set.of("url", "method", "headers", "status", "bodyContains",
            "bodyMatches", "mustNotContain", "forbiddenStrings", "json", "headerEquals", "latency", "tls", "token",
            "basicAuth");
    private static final Set<String> DENIES_KEYS = Set.of("url", "loginPattern");
    private static final Set<String> TLS_KEYS = Set.of("verify", "caFile");
    private static final Set<String> TOKEN_KEYS = Set.of("header", "prefix", "secret");
    private static final Set<String> BASIC_KEYS = Set.of("username", "password");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");
    private static final Pattern JSON_POINTER = Pattern.compile("(/([^~/]|~[01])*)*");

    private final CheckReader reader;
    private final Problems problems;

    HttpCheckReader(final CheckReader reader) {
        this.reader = reader;
        this.problems = reader.problems();
    }

    HealthCheckSpec http(final String path, final YamlNode value, final YamlNode item) {
        if (value == null) {
            problems.add(path, item, "needs a URL: http: /health, or http: {url: …, status: 200}");
            return null;
        }
        Fields fields = value instanceof YamlNode.Mapping ? Fields.of(problems, path, value, reader.keys(HTTP_KEYS))
                : null;
        String url = url(path, value, fields);
        CheckOptions options = reader.options(fields, CheckOptions.DEFAULT_TIMEOUT);
        if (fields == null) {
            return url == null ? null : new HttpCheckSpec(url, options);
        }
        HttpCheckSpec spec = new HttpCheckSpec(url, options);
        String method = fields.string("method", "GET");
        if (method != null && !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            problems.add(fields.path("method"), fields.node("method"), "unknown method '" + method + "'; use "
                    + String.join(", ", new java.util.TreeSet<>(METHODS)));
        } else if (method != null) {
            spec.setMethod(method.toUpperCase(Locale.ROOT));
        }
        spec.setHeaders(headers(fields));
        spec.setStatuses(statuses(fields));
        spec.setBodyContains(fields.strings("bodyContains"));
        spec.setBodyMatches(regexes(fields, "bodyMatches"));
        spec.setMustNotContain(fields.strings("mustNotContain"));
        spec.setForbiddenStrings(fields.bool("forbiddenStrings", true));
        spec.setJsonEquals(json(fields));
        spec.setHeaderEquals(fields.stringMap("headerEquals"));
        spec.setLatency(fields.duration("latency", null));
        tls(fields, spec);
        token(fields, spec);
        basicAuth(fields, spec);
        return url == null ? null : spec;
    }

    HealthCheckSpec denies(final String path, final YamlNode value, final YamlNode item) {
        if (value == null) {
            problems.add(path, item, "needs a URL: denies: /admin, or denies: {url: …}");
            return null;
        }
        Fields fields = value instanceof YamlNode.Mapping ? Fields.of(problems, path, value, reader.keys(DENIES_KEYS))
                : null;
        String url = url(path, value, fields);
        CheckOptions options = reader.options(fields, CheckOptions.DEFAULT_TIMEOUT);
        String login = DeniesCheckSpec.DEFAULT_LOGIN_PATTERN;
        if (fields != null && fields.has("loginPattern")) {
            List<String> given = regexes(fields, "loginPattern");
            login = given.isEmpty() ? login : given.get(0);
        }
        return url == null ? null : new DeniesCheckSpec(url, options, login);
    }

    /** The URL of the short form or of {@code url}, made absolute and validated; {@code null} after a problem. */
    private String url(final String path, final YamlNode value, final Fields fields) {
        String url;
        YamlNode urlNode = value;
        String urlPath = path;
        if (fields != null) {
            url = fields.requiredString("url", "a path such as /health, or a URL with {address} and {port}");
            urlNode = fields.node("url");
            urlPath = fields.path("url");
        } else {
            url = Fields.text(problems, path, value);
        }
        if (url == null) {
            return null;
        }
        String fullUrl = url.startsWith("/") ? "http://{address}:{port}" + url : url;
        if (!reader.placeholdersKnown(urlPath, urlNode, fullUrl)) {
            return null;
        }
        try {
            URI uri = new URI(CheckReader.sample(fullUrl));
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(urlPath, urlNode, "'" + url + "' is not an http(s) URL; write a path such as /health "
                        + "or http://{address}:{port}/health");
                return null;
            }
        } catch (URISyntaxException e) {
            problems.add(urlPath, urlNode, "'" + url + "' is not a valid URL: " + e.getReason());
            return null;
        }
        return fullUrl;
    }

    private Map<String, String> headers(final Fields fields) {
        Map<String, String> headers = fields.stringMap("headers");
        for (String name : headers.keySet()) {
            if (SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) || Secrets.isSecretName(name)) {
                problems.add(fields.path("headers") + "." + name, fields.node("headers"), "header '" + name
                        + "' carries a secret; use token: {header: " + name + ", secret: {env: VAR}} or basicAuth");
            }
        }
        return headers;
    }

    private List<Integer> statuses(final Fields fields) {
        YamlNode node = fields.node("status");
        if (node == null) {
            return List.of(200);
        }
        List<Integer> statuses = new ArrayList<>();
        List<YamlNode> items = node instanceof YamlNode.Sequence ? ((YamlNode.Sequence) node).getItems() : List.of(node);
        for (int i = 0; i < items.size(); i++) {
            String itemPath = node instanceof YamlNode.Sequence ? fields.path("status") + "[" + i + "]"
                    : fields.path("status");
            Integer status = Fields.integer(problems, itemPath, items.get(i), 100, 599);
            if (status != null) {
                statuses.add(status);
            }
        }
        return statuses.isEmpty() ? List.of(200) : statuses;
    }

    private List<String> regexes(final Fields fields, final String key) {
        List<String> patterns = new ArrayList<>();
        List<String> given = fields.strings(key);
        for (String pattern : given) {
            try {
                Pattern.compile(pattern);
                patterns.add(pattern);
            } catch (PatternSyntaxException e) {
                problems.add(fields.path(key), fields.node(key), "'" + pattern + "' is not a valid regular "
                        + "expression: " + e.getDescription() + " near index " + e.getIndex());
            }
        }
        return patterns;
    }

    private Map<String, String> json(final Fields fields) {
        YamlNode node = fields.node("json");
        Map<String, String> expected = new LinkedHashMap<>();
        if (node == null) {
            return expected;
        }
        if (!(node instanceof YamlNode.Mapping)) {
            problems.add(fields.path("json"), node, "expected a mapping of JSON Pointers to values, such as "
                    + "{/status: UP}, found " + node.describe());
            return expected;
        }
        YamlNode.Mapping mapping = (YamlNode.Mapping) node;
        for (Map.Entry<String, YamlNode> entry : mapping.getEntries().entrySet()) {
            String pointer = entry.getKey();
            String entryPath = fields.path("json") + "." + pointer;
            if (!JSON_POINTER.matcher(pointer).matches()) {
                problems.add(entryPath, mapping.keyOrigin(pointer), "'" + pointer + "' is not a JSON Pointer: "
                        + "write /field/0/name, with ~1 for / and ~0 for ~ in names");
                continue;
            }
            YamlNode value = entry.getValue();
            if (!(value instanceof YamlNode.Scalar)) {
                problems.add(entryPath, value, "expected a value (text, number, true, false or null), found "
                        + value.describe());
                continue;
            }
            YamlNode.Scalar scalar = (YamlNode.Scalar) value;
            expected.put(pointer, scalar.isNull() ? "null" : scalar.getText());
        }
        return expected;
    }

    private void tls(final Fields fields, final HttpCheckSpec spec) {
        YamlNode node = fields.node("tls");
        if (node == null) {
            return;
        }
        Fields tls = Fields.of(problems, fields.path("tls"), node, TLS_KEYS);
        if (tls != null) {
            boolean verify = tls.bool("verify", true);
            String caFile = tls.string("caFile", null);
            if (!verify && caFile != null) {
                problems.add(tls.path("caFile"), tls.node("caFile"), "a CA file needs verify: true");
            }
            spec.setTls(verify, caFile);
        }
    }

    private void token(final Fields fields, final HttpCheckSpec spec) {
        YamlNode node = fields.node("token");
        if (node == null) {
            return;
        }
        Fields token = Fields.of(problems, fields.path("token"), node, TOKEN_KEYS);
        if (token == null) {
            return;
        }
        String header = token.string("header", "Authorization");
        String prefix = token.string("prefix", "Authorization".equalsIgnoreCase(header) ? "Bearer " : "");
        if (!token.has("secret")) {
            token.missing("secret", "{env: VAR} (CLI) or {credentialsId: id} (Jenkins)");
            return;
        }
        SecretReference secret = Secrets.reference(problems, token.path("secret"), token.node("secret"), "");
        if (header != null && secret != null) {
            spec.setToken(header, prefix == null ? "" : prefix, secret);
        }
    }

    private void basicAuth(final Fields fields, final HttpCheckSpec spec) {
        YamlNode node = fields.node("basicAuth");
        if (node == null) {
            return;
        }
        Fields basic = Fields.of(problems, fields.path("basicAuth"), node, BASIC_KEYS);
        if (basic == null) {
            return;
        }
        String user = basic.requiredString("username", "the user name");
        if (!basic.has("password")) {
            basic.missing("password", "{env: VAR} (CLI) or {credentialsId: id} (Jenkins)");
            return;
        }
        SecretReference password = Secrets.reference(problems, basic.path("password"), basic.node("password"), "");
        if (user != null && password != null) {
            if (spec.getToken() != null) {
                problems.add(basic.path(), node, "give either token or basicAuth, not both");
            }
            spec.setBasicAuth(user, password);
        }
    }
}
