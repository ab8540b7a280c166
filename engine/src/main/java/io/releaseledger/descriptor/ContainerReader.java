package io.releaseledger.descriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code container}: name, ports, env, envFiles, labels, command, restart, network. */
final class ContainerReader {
    static final Set<String> KEYS = Set.of("name", "ports", "env", "envFiles", "labels", "command", "restart",
            "network", "init", "stopTimeout");
    /** Docker gives a stop at most this long before the engine's call would time out; a real stop is seconds. */
    static final java.time.Duration MAX_STOP_TIMEOUT = java.time.Duration.ofMinutes(4);
    static final String RESERVED_LABELS = "io.releaseledger.";
    private static final Set<String> VALUE_KEYS = Set.of("secret", "plain");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern NETWORK = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:[0-9]{1,4})?");
    private static final Pattern PORT = Pattern.compile(
            "(?:(?<ip>[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|\\[[0-9a-fA-F:]+]):)?(?:(?<host>[0-9]{1,5}):)?(?<container>[0-9]{1,5})(?:/(?<protocol>tcp|udp))?");

    private ContainerReader() {
    }

    static ContainerSpec read(final Problems problems, final String path, final YamlNode node, final String defaultName) {
        Fields fields = node == null ? null : Fields.of(problems, path, node, KEYS);
        if (fields == null) {
            return new ContainerSpec(defaultName, List.of(), List.of(), List.of(), Map.of(), List.of(),
                    "unless-stopped", "bridge").withStopping(false, ContainerSpec.DEFAULT_STOP_TIMEOUT);
        }
        String name = fields.string("name", defaultName);
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add(fields.path("name"), fields.node("name"), "'" + name + "' is not a valid container name: "
                    + "start with a letter or digit, then letters, digits, '_', '.' and '-'");
        }
        String restart = fields.string("restart", "unless-stopped");
        if (restart != null && !RESTART.matcher(restart).matches()) {
            problems.add(fields.path("restart"), fields.node("restart"), "unknown restart policy '" + restart
                    + "'; use no, always, unless-stopped or on-failure[:N]");
        }
        String network = fields.string("network", "bridge");
        if (network != null && !NETWORK.matcher(network).matches()) {
            problems.add(fields.path("network"), fields.node("network"), "'" + network + "' is not a network mode; "
                    + "use host, bridge, none or the name of a Docker network");
        }
        Map<String, String> labels = fields.stringMap("labels");
        for (String label : labels.keySet()) {
            if (label.startsWith(RESERVED_LABELS)) {
                problems.add(fields.path("labels") + "." + label, fields.node("labels"), "labels starting with '"
                        + RESERVED_LABELS + "' are set by Release Ledger itself");
            }
        }
        List<String> command = command(fields);
        java.time.Duration stopTimeout = fields.duration("stopTimeout", ContainerSpec.DEFAULT_STOP_TIMEOUT);
        if (stopTimeout != null && (stopTimeout.compareTo(java.time.Duration.ofSeconds(1)) < 0
                || stopTimeout.compareTo(MAX_STOP_TIMEOUT) > 0)) {
            problems.add(fields.path("stopTimeout"), fields.node("stopTimeout"), "stopTimeout must be from 1s to 4m "
                    + "(Docker counts whole seconds): how long a container may take to stop after SIGTERM before it "
                    + "is killed");
        }
        return new ContainerSpec(name == null ? defaultName : name, ports(fields), env(fields),
                fields.strings("envFiles"), labels, command, restart == null ? "unless-stopped" : restart,
                network == null ? "bridge" : network).withStopping(fields.bool("init", false),
                        stopTimeout == null ? ContainerSpec.DEFAULT_STOP_TIMEOUT : stopTimeout);
    }

    /** A list is the exec form; a string is split at white space (no shell, no quoting). */
    private static List<String> command(final Fields fields) {
        YamlNode node = fields.node("command");
        if (node instanceof YamlNode.Scalar) {
            String text = Fields.text(fields.problems(), fields.path("command"), node);
            return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
        }
        return fields.strings("command");
    }

    private static List<PortMapping> ports(final Fields fields) {
        List<PortMapping> ports = new ArrayList<>();
        List<YamlNode> items = fields.list("ports");
        for (int i = 0; i < items.size(); i++) {
            String path = fields.path("ports") + "[" + i + "]";
            String text = Fields.text(fields.problems(), path, items.get(i));
            if (text == null) {
                continue;
            }
            Matcher matcher = PORT.matcher(text.trim());
            if (!matcher.matches()) {
                fields.problems().add(path, items.get(i), "'" + text + "' is not a port mapping; write 8080:80, "
                        + "127.0.0.1:8080:80, 80 or 53:53/udp");
                continue;
            }
            int host = matcher.group("host") == null ? 0 : Integer.parseInt(matcher.group("host"));
            int container = Integer.parseInt(matcher.group("container"));
            if (host > 65535 || container < 1 || container > 65535) {
                fields.problems().add(path, items.get(i), "port out of range (1-65535) in '" + text + "'");
                continue;
            }
            String protocol = matcher.group("protocol") == null ? "tcp" : matcher.group("protocol");
            ports.add(new PortMapping(matcher.group("ip"), host, container, protocol));
        }
        return ports;
    }

    private static List<EnvironmentVariable> env(final Fields fields) {
        List<EnvironmentVariable> variables = new ArrayList<>();
        YamlNode node = fields.node("env");
        if (node == null) {
            return variables;
        }
        if (!(node instanceof YamlNode.Mapping)) {
            fields.problems().add(fields.path("env"), node, "expected a mapping of variable names to values, found "
                    + node.describe());
            return variables;
        }
        YamlNode.Mapping mapping = (YamlNode.Mapping) node;
        for (Map.Entry<String, YamlNode> entry : mapping.getEntries().entrySet()) {
            String name = entry.getKey();
            String path = fields.path("env") + "." + name;
            if (!Secrets.VARIABLE.matcher(name).matches()) {
                fields.problems().add(path, mapping.keyOrigin(name), "'" + name + "' is not a valid variable name");
                continue;
            }
            EnvironmentVariable variable = variable(fields.problems(), path, name, entry.getValue());
            if (variable != null) {
                variables.add(variable);
            }
        }
        return variables;
    }

    private static EnvironmentVariable variable(final Problems problems, final String path, final String name,
            final YamlNode value) {
        if (value instanceof YamlNode.Mapping) {
            Fields fields = Fields.of(problems, path, value, VALUE_KEYS);
            if (fields.has("secret") == fields.has("plain")) {
                problems.add(path, value, "give either secret: {credentialsId: …} or secret: {env: VAR}, or plain: "
                        + "for a value that is not a secret");
                return null;
            }
            if (fields.has("plain")) {
                String plain = fields.string("plain", null);
                return plain == null || refusedInline(problems, fields.path("plain"), fields.node("plain"), plain)
                        ? null : new EnvironmentVariable(name, plain, null);
            }
            SecretReference secret = Secrets.reference(problems, fields.path("secret"), fields.node("secret"), "secret: ");
            return secret == null ? null : new EnvironmentVariable(name, null, secret);
        }
        if (value instanceof YamlNode.Scalar && ((YamlNode.Scalar) value).getKind() == YamlNode.Scalar.Kind.BOOL) {
            return new EnvironmentVariable(name, ((YamlNode.Scalar) value).getText(), null);
        }
        if (value instanceof YamlNode.Scalar && ((YamlNode.Scalar) value).isNull()) {
            return new EnvironmentVariable(name, "", null);
        }
        String text = Fields.text(problems, path, value);
        if (text == null || refusedInline(problems, path, value, text)) {
            return null;
        }
        if (Secrets.isSecretName(name) && !text.isEmpty()) {
            problems.add(path, value, "'" + name + "' looks like a secret written inline; reference it with "
                    + "secret: {credentialsId: …} (Jenkins) or secret: {env: VAR} (CLI), or write plain: … if it "
                    + "is not a secret");
            return null;
        }
        return new EnvironmentVariable(name, text, null);
    }

    private static boolean refusedInline(final Problems problems, final String path, final YamlNode node,
            final String text) {
        if (Secrets.looksLikeKeyMaterial(text)) {
            problems.add(path, node, "a key or certificate is written inline; reference it with secret: "
                    + "{credentialsId: …} or secret: {env: VAR}");
            return true;
        }
        return false;
    }
}
