package io.releaseledger.descriptor;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code healthGate}: timeout, interval and the {@code http}, {@code tcp} and {@code container} checks. */
final class HealthGateReader {
    static final Set<String> KEYS = Set.of("timeout", "interval", "checks");
    static final Set<String> CHECK_TYPES = Set.of("http", "tcp", "container");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STABLE_FOR = Duration.ofSeconds(5);
    private static final Set<String> HTTP_KEYS = Set.of("url", "status", "timeout");
    private static final Set<String> TCP_KEYS = Set.of("address", "timeout");
    private static final Set<String> CONTAINER_KEYS = Set.of("healthy", "stableFor");

    private HealthGateReader() {
    }

    static HealthGateSpec defaults() {
        return new HealthGateSpec(DEFAULT_TIMEOUT, DEFAULT_INTERVAL, List.of(new ContainerCheckSpec(true, STABLE_FOR)));
    }

    static HealthGateSpec read(final Problems problems, final String path, final YamlNode node) {
        Fields fields = node == null ? null : Fields.of(problems, path, node, KEYS);
        if (fields == null) {
            return defaults();
        }
        Duration timeout = fields.duration("timeout", DEFAULT_TIMEOUT);
        Duration interval = fields.duration("interval", DEFAULT_INTERVAL);
        if (timeout != null && interval != null && interval.compareTo(timeout) >= 0) {
            problems.add(fields.path("interval"), fields.node("interval") == null ? node : fields.node("interval"),
                    "the interval (" + interval.toMillis() + "ms) must be shorter than the timeout ("
                            + timeout.toMillis() + "ms)");
        }
        List<HealthCheckSpec> checks = new ArrayList<>();
        if (!fields.has("checks")) {
            checks.addAll(defaults().getChecks());
        } else {
            List<YamlNode> items = fields.list("checks");
            if (items.isEmpty() && fields.node("checks") instanceof YamlNode.Sequence) {
                problems.add(fields.path("checks"), fields.node("checks"), "give at least one check, or leave "
                        + "checks out for the container check alone");
            }
            for (int i = 0; i < items.size(); i++) {
                HealthCheckSpec check = check(problems, fields.path("checks") + "[" + i + "]", items.get(i));
                if (check != null) {
                    checks.add(check);
                }
            }
        }
        return new HealthGateSpec(timeout == null ? DEFAULT_TIMEOUT : timeout,
                interval == null ? DEFAULT_INTERVAL : interval, checks);
    }

    private static HealthCheckSpec check(final Problems problems, final String path, final YamlNode node) {
        String type;
        YamlNode value;
        if (node instanceof YamlNode.Scalar && !((YamlNode.Scalar) node).isNull()) {
            type = ((YamlNode.Scalar) node).getText();
            value = null;
        } else if (node instanceof YamlNode.Mapping && ((YamlNode.Mapping) node).getEntries().size() == 1) {
            Map.Entry<String, YamlNode> entry = ((YamlNode.Mapping) node).getEntries().entrySet().iterator().next();
            type = entry.getKey();
            value = entry.getValue();
            if (value instanceof YamlNode.Scalar && ((YamlNode.Scalar) value).isNull()) {
                value = null;
            }
        } else {
            problems.add(path, node, "a check is one of http: …, tcp: … or container: …");
            return null;
        }
        if (!CHECK_TYPES.contains(type)) {
            problems.add(path, node, "unknown check '" + type + "'" + Suggestions.didYouMean(type, CHECK_TYPES)
                    + "; use http, tcp or container");
            return null;
        }
        String checkPath = path + "." + type;
        switch (type) {
            case "http":
                return http(problems, checkPath, value, node);
            case "tcp":
                return tcp(problems, checkPath, value);
            default:
                return container(problems, checkPath, value);
        }
    }

    private static HealthCheckSpec http(final Problems problems, final String path, final YamlNode value,
            final YamlNode item) {
        String url;
        int status = 200;
        Duration timeout = CHECK_TIMEOUT;
        YamlNode urlNode = value;
        if (value == null) {
            problems.add(path, item, "needs a URL: http: /health, or http: {url: …, status: 200}");
            return null;
        }
        if (value instanceof YamlNode.Mapping) {
            Fields fields = Fields.of(problems, path, value, HTTP_KEYS);
            url = fields.requiredString("url", "a path such as /health, or a URL with {address} and {port}");
            urlNode = fields.node("url");
            Integer given = fields.integer("status", 200, 100, 599);
            status = given == null ? 200 : given;
            Duration givenTimeout = fields.duration("timeout", CHECK_TIMEOUT);
            timeout = givenTimeout == null ? CHECK_TIMEOUT : givenTimeout;
        } else {
            url = Fields.text(problems, path, value);
        }
        if (url == null) {
            return null;
        }
        String fullUrl = url.startsWith("/") ? "http://{address}:{port}" + url : url;
        String urlPath = value instanceof YamlNode.Mapping ? path + ".url" : path;
        if (!placeholdersKnown(problems, urlPath, urlNode, fullUrl)) {
            return null;
        }
        try {
            URI uri = new URI(Placeholders.replace(fullUrl, "env", "host", "127.0.0.1", 1, 8080));
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(urlPath, urlNode, "'" + url + "' is not an http(s) URL; write a path such as /health "
                        + "or http://{address}:{port}/health");
                return null;
            }
        } catch (URISyntaxException e) {
            problems.add(urlPath, urlNode, "'" + url + "' is not a valid URL: " + e.getReason());
            return null;
        }
        return new HttpCheckSpec(fullUrl, status, timeout);
    }

    private static HealthCheckSpec tcp(final Problems problems, final String path, final YamlNode value) {
        String address = "{address}:{port}";
        Duration timeout = CHECK_TIMEOUT;
        YamlNode addressNode = value;
        String addressPath = path;
        if (value instanceof YamlNode.Mapping) {
            Fields fields = Fields.of(problems, path, value, TCP_KEYS);
            address = fields.string("address", address);
            addressNode = fields.node("address");
            addressPath = fields.path("address");
            Duration given = fields.duration("timeout", CHECK_TIMEOUT);
            timeout = given == null ? CHECK_TIMEOUT : given;
        } else if (value != null) {
            address = Fields.text(problems, path, value);
        }
        if (address == null || !placeholdersKnown(problems, addressPath, addressNode, address)) {
            return null;
        }
        String sample = Placeholders.replace(address, "env", "host", "127.0.0.1", 1, 8080);
        if (!sample.matches("[^:\\s/]+:[0-9]{1,5}") && !sample.matches("\\[[0-9a-fA-F:]+]:[0-9]{1,5}")) {
            problems.add(addressPath, addressNode, "'" + address + "' is not host:port; for example "
                    + "{address}:{port} or 127.0.0.1:5432");
            return null;
        }
        return new TcpCheckSpec(address, timeout);
    }

    private static HealthCheckSpec container(final Problems problems, final String path, final YamlNode value) {
        if (value == null) {
            return new ContainerCheckSpec(true, STABLE_FOR);
        }
        Fields fields = Fields.of(problems, path, value, CONTAINER_KEYS);
        if (fields == null) {
            return null;
        }
        Duration stableFor = fields.duration("stableFor", STABLE_FOR);
        return new ContainerCheckSpec(fields.bool("healthy", true), stableFor == null ? STABLE_FOR : stableFor);
    }

    private static boolean placeholdersKnown(final Problems problems, final String path, final YamlNode node,
            final String text) {
        List<String> unknown = Placeholders.unknown(text, Placeholders.NAMES);
        if (unknown.isEmpty()) {
            return true;
        }
        problems.add(path, node, "unknown placeholder " + String.join(", ", unknown)
                + "; use {address}, {port}, {host}, {instance}, {environment}");
        return false;
    }
}
