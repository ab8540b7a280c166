package io.releaseledger.descriptor;

import java.util.Set;
import java.util.regex.Pattern;

/** Reads one entry of {@code hosts}: a Docker URL, or a mapping with {@code url}, {@code name}, {@code address}, {@code tls}. */
final class HostReader {
    static final Set<String> KEYS = Set.of("url", "name", "address", "tls");
    private static final Set<String> TLS_KEYS = Set.of("ca", "cert", "key", "credentialsId");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]*|\\[[0-9A-Fa-f:.]+])(?::([0-9]{1,5}))?");

    private HostReader() {
    }

    static DockerHostSpec read(final Problems problems, final String path, final YamlNode node) {
        String url;
        String name = null;
        String address = null;
        DockerTlsSpec tls = null;
        YamlNode urlNode = node;
        YamlNode tlsNode = null;
        if (node instanceof YamlNode.Mapping) {
            Fields fields = Fields.of(problems, path, node, KEYS);
            url = fields.requiredString("url", "for example unix:///var/run/docker.sock or tcp://host:2376");
            urlNode = fields.node("url");
            name = fields.string("name", null);
            if (name != null && !NAME.matcher(name).matches()) {
                problems.add(fields.path("name"), fields.node("name"), "'" + name
                        + "' is not a valid host name: use letters, digits, '.', '_' and '-'");
                name = null;
            }
            address = fields.string("address", null);
            tlsNode = fields.node("tls");
            if (tlsNode != null) {
                tls = tls(problems, fields.path("tls"), tlsNode);
            }
        } else {
            url = Fields.text(problems, path, node);
        }
        if (url == null) {
            return null;
        }
        return parseUrl(problems, path, urlNode, url, name, address, tls, tlsNode);
    }

    private static DockerHostSpec parseUrl(final Problems problems, final String path, final YamlNode urlNode,
            final String url, final String name, final String address, final DockerTlsSpec tls,
            final YamlNode tlsNode) {
        int separator = url.indexOf("://");
        if (separator < 0) {
            problems.add(path, urlNode, "'" + url + "' is not a Docker URL; write unix:///var/run/docker.sock, "
                    + "tcp://host:2375 or tcp://host:2376 with tls");
            return null;
        }
        String scheme = url.substring(0, separator);
        String rest = url.substring(separator + 3);
        if (scheme.equals("unix")) {
            if (!rest.startsWith("/") || rest.length() < 2) {
                problems.add(path, urlNode, "'" + url + "' needs an absolute socket path: unix:///var/run/docker.sock");
                return null;
            }
            if (tls != null || tlsNode != null) {
                problems.add(path + ".tls", tlsNode, "TLS applies only to tcp:// hosts");
            }
            return new DockerHostSpec(name == null ? "local" : name, url, DockerHostSpec.Scheme.UNIX, rest, null, 0,
                    address == null ? "127.0.0.1" : address, null);
        }
        if (scheme.equals("tcp")) {
            java.util.regex.Matcher matcher = HOST_PORT.matcher(rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest);
            if (!matcher.matches()) {
                problems.add(path, urlNode, "'" + url + "' is not a valid tcp:// address; write tcp://host:2375 "
                        + "or tcp://host:2376 with tls");
                return null;
            }
            if (matcher.group(2) == null) {
                problems.add(path, urlNode, "'" + url + "' needs a port: tcp://" + rest + ":2375, or :2376 with tls");
                return null;
            }
            int port = Integer.parseInt(matcher.group(2));
            if (port < 1 || port > 65535) {
                problems.add(path, urlNode, "port " + port + " is out of range (1-65535)");
                return null;
            }
            String host = matcher.group(1);
            String defaultName = NAME.matcher(host).matches() ? host : "host";
            return new DockerHostSpec(name == null ? defaultName : name, url, DockerHostSpec.Scheme.TCP, null, host,
                    port, address == null ? host : address, tls);
        }
        problems.add(path, urlNode, "unknown scheme '" + scheme + "'; use unix://, tcp://");
        return null;
    }

    private static DockerTlsSpec tls(final Problems problems, final String path, final YamlNode node) {
        Fields fields = Fields.of(problems, path, node, TLS_KEYS);
        if (fields == null) {
            return null;
        }
        String credentialsId = fields.string("credentialsId", null);
        String ca = path(fields, "ca");
        String cert = path(fields, "cert");
        String key = path(fields, "key");
        if (credentialsId != null) {
            if (fields.has("ca") || fields.has("cert") || fields.has("key")) {
                problems.add(path, node, "give either credentialsId or the ca, cert and key paths, not both");
            }
            return new DockerTlsSpec(null, null, null, credentialsId);
        }
        boolean complete = true;
        for (String name : new String[] {"ca", "cert", "key"}) {
            if (!fields.has(name)) {
                fields.missing(name, "a file path; or give credentialsId instead of ca, cert and key");
                complete = false;
            }
        }
        return complete && ca != null && cert != null && key != null ? new DockerTlsSpec(ca, cert, key, null) : null;
    }

    /** A file path, refused when it is the file's content (a PEM block written inline). */
    private static String path(final Fields fields, final String key) {
        String value = fields.string(key, null);
        if (value != null && Secrets.looksLikeKeyMaterial(value)) {
            fields.problems().add(fields.path(key), fields.node(key), "write the path of the file, never its "
                    + "content: the descriptor must not hold certificates or keys");
            return null;
        }
        return value;
    }
}
