package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a document into a {@link ReleaseDescriptor}, collecting every problem on the way, then throws them all
 * together. Cross-field rules live in {@link DescriptorRules}.
 */
final class DescriptorReader {
    static final int SCHEMA_VERSION = 1;
    static final Set<String> KEYS = Set.of("schemaVersion", "application", "image", "environments");
    static final Set<String> ENVIRONMENT_KEYS = Set.of("name", "protected", "hosts", "container", "instances",
            "strategy", "loadBalancer", "healthGate", "smokeChecks", "promotesFrom", "requires", "registryTags", "swarm");
    static final Set<String> INSTANCES_KEYS = Set.of("count", "ports", "containerPort", "portVariable");
    static final Set<String> STRATEGY_KEYS = Set.of("type", "batchSize", "canary", "maxUnavailable");
    static final Set<String> LOAD_BALANCER_KEYS = Set.of("runtimeApi", "backend", "serverName", "drainTimeout");
    static final Set<String> REGISTRY_TAGS_KEYS = Set.of("environment", "latest");
    static final Pattern APPLICATION = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern REPOSITORY = Pattern.compile(
            "(?:(?<registry>[A-Za-z0-9.-]+(?::[0-9]{1,5})?|\\[[0-9a-fA-F:]+](?::[0-9]{1,5})?)/)?"
                    + "(?<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)");
    private static final Pattern BACKEND = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Pattern PORT_RANGE = Pattern.compile("([0-9]{1,5})\\s*-\\s*([0-9]{1,5})");
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_INSTANCES = 100;

    private DescriptorReader() {
    }

    /** Reads and validates a whole document; throws {@link DescriptorException} listing every problem. */
    static ReleaseDescriptor read(final YamlNode document, final Problems problems, final String source) {
        if (document == null) {
            problems.add("", YamlNode.Origin.UNKNOWN, "the descriptor is empty; it needs schemaVersion, application, "
                    + "image and environments");
            problems.throwIfAny();
        }
        Fields fields = Fields.of(problems, "", document, KEYS);
        if (fields == null) {
            problems.throwIfAny();
        }
        Integer version = fields.integer("schemaVersion", null, 0, Integer.MAX_VALUE);
        if (!fields.has("schemaVersion")) {
            fields.missing("schemaVersion", "write schemaVersion: " + SCHEMA_VERSION);
        } else if (version != null && version != SCHEMA_VERSION) {
            problems.add("schemaVersion", fields.node("schemaVersion"), "unsupported schema version " + version
                    + "; this Release Ledger reads schemaVersion " + SCHEMA_VERSION);
        }
        String application = fields.requiredString("application", "the application's name, such as shop");
        if (application != null && !APPLICATION.matcher(application).matches()) {
            problems.add("application", fields.node("application"), "'" + application + "' is not a valid "
                    + "application name: lower-case letters, digits, '.', '_' and '-', at most 63");
        }
        String image = fields.requiredString("image", "the image repository, such as registry.example.com/shop");
        checkImage(fields, image);
        List<DescriptorRules.Read> environments = new ArrayList<>();
        if (!fields.has("environments")) {
            fields.missing("environments", "list the environments in promotion order");
        } else {
            List<YamlNode> items = fields.list("environments");
            if (items.isEmpty() && fields.node("environments") instanceof YamlNode.Sequence) {
                problems.add("environments", fields.node("environments"), "list at least one environment");
            }
            for (int i = 0; i < items.size(); i++) {
                DescriptorRules.Read read = environment(problems, "environments[" + i + "]", items.get(i),
                        application == null ? "app" : application);
                if (read != null) {
                    environments.add(read);
                }
            }
        }
        DescriptorRules.check(problems, environments);
        problems.throwIfAny();
        List<EnvironmentSpec> specs = new ArrayList<>();
        environments.forEach(read -> specs.add(read.spec()));
        return new ReleaseDescriptor(version, application, image, specs, source, document);
    }

    private static void checkImage(final Fields fields, final String image) {
        if (image == null) {
            return;
        }
        YamlNode node = fields.node("image");
        if (image.contains("@")) {
            fields.problems().add("image", node, "write the repository without a digest; the release's digest is "
                    + "resolved when deploying");
            return;
        }
        int slash = image.lastIndexOf('/');
        if (image.indexOf(':', slash + 1) >= 0) {
            fields.problems().add("image", node, "write the repository without a tag ('"
                    + image.substring(0, image.lastIndexOf(':')) + "'); the version is chosen when deploying");
            return;
        }
        Matcher matcher = REPOSITORY.matcher(image);
        if (!matcher.matches()) {
            fields.problems().add("image", node, "'" + image + "' is not an image repository; write "
                    + "registry.example.com:5000/team/shop or shop (lower case)");
        }
    }

    private static DescriptorRules.Read environment(final Problems problems, final String path, final YamlNode node,
            final String application) {
        Fields fields = Fields.of(problems, path, node, ENVIRONMENT_KEYS);
        if (fields == null) {
            return null;
        }
        String name = fields.requiredString("name", "such as staging or production");
        if (name != null && !ENVIRONMENT.matcher(name).matches()) {
            problems.add(fields.path("name"), fields.node("name"), "'" + name + "' is not a valid environment name: "
                    + "lower-case letters, digits, '_' and '-', at most 63 (it becomes a registry tag and part of "
                    + "container names)");
            name = null;
        }
        String label = name == null ? "env" : name;
        boolean protectedEnvironment = fields.bool("protected", false);
        List<DockerHostSpec> hosts = new ArrayList<>();
        if (!fields.has("hosts")) {
            fields.missing("hosts", "for example - unix:///var/run/docker.sock");
        } else {
            List<YamlNode> items = fields.list("hosts");
            if (items.isEmpty() && fields.node("hosts") instanceof YamlNode.Sequence) {
                problems.add(fields.path("hosts"), fields.node("hosts"), "list at least one Docker host");
            }
            for (int i = 0; i < items.size(); i++) {
                DockerHostSpec host = HostReader.read(problems, fields.path("hosts") + "[" + i + "]", items.get(i));
                hosts.add(host);
            }
        }
        ContainerSpec container = ContainerReader.read(problems, fields.path("container"), fields.node("container"),
                application + "-" + label);
        InstancesSpec instances = instances(fields);
        SwarmSpec swarm = SwarmReader.read(fields, application + "-" + label, instances);
        // The replicas are the instances; counts that disagree keep the instances' count, so that the port rules
        // never read a port the list does not have (the disagreement is reported).
        if (swarm != null && (instances.getPorts().isEmpty() || instances.getPorts().size() == swarm.getReplicas())) {
            instances = new InstancesSpec(swarm.getReplicas(), instances.getPorts(), instances.getContainerPort(),
                    instances.getPortVariable());
        }
        if (swarm != null) {
            SwarmReader.check(fields, swarm, hosts, container, instances);
        }
        StrategySpec strategy = strategy(fields);
        LoadBalancerSpec loadBalancer = loadBalancer(fields);
        HealthGateSpec healthGate = HealthGateReader.read(problems, fields.path("healthGate"),
                fields.node("healthGate"));
        String promotesFrom = fields.string("promotesFrom", null);
        Set<PromotionRequirement> requires = requires(fields, promotesFrom != null);
        RegistryTagsSpec registryTags = registryTags(fields);
        EnvironmentSpec spec = new EnvironmentSpec(label, protectedEnvironment, hosts.stream()
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toList()), container,
                instances, strategy, loadBalancer, healthGate, promotesFrom, requires, registryTags);
        spec.setSwarm(swarm);
        spec.setSmokeChecks(SmokeChecksReader.read(problems, fields.path("smokeChecks"), fields.node("smokeChecks")));
        return new DescriptorRules.Read(path, fields, name, hosts, spec);
    }

    private static InstancesSpec instances(final Fields env) {
        YamlNode node = env.node("instances");
        String path = env.path("instances");
        if (node == null) {
            return new InstancesSpec(1, List.of(), 0, "PORT");
        }
        if (node instanceof YamlNode.Scalar) {
            Integer count = Fields.integer(env.problems(), path, node, 1, MAX_INSTANCES);
            return new InstancesSpec(count == null ? 1 : count, List.of(), 0, "PORT");
        }
        Fields fields = Fields.of(env.problems(), path, node, INSTANCES_KEYS);
        if (fields == null) {
            return new InstancesSpec(1, List.of(), 0, "PORT");
        }
        List<Integer> ports = instancePorts(fields);
        Integer count = fields.integer("count", ports.isEmpty() ? 1 : ports.size(), 1, MAX_INSTANCES);
        if (count != null && !ports.isEmpty() && ports.size() != count) {
            env.problems().add(fields.path("ports"), fields.node("ports"), "gives " + ports.size() + " port"
                    + (ports.size() == 1 ? "" : "s") + " for " + count + " instance" + (count == 1 ? "" : "s")
                    + "; give one port per instance");
        }
        Integer containerPort = fields.integer("containerPort", 0, 1, 65535);
        String portVariable = fields.string("portVariable", "PORT");
        if (portVariable != null && !portVariable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            env.problems().add(fields.path("portVariable"), fields.node("portVariable"), "'" + portVariable
                    + "' is not a valid variable name");
        }
        return new InstancesSpec(count == null ? Math.max(1, ports.size()) : count, ports,
                containerPort == null ? 0 : containerPort, portVariable == null ? "PORT" : portVariable);
    }

    /** {@code 8081-8083}, {@code 8081}, or a list of ports. */
    private static List<Integer> instancePorts(final Fields fields) {
        YamlNode node = fields.node("ports");
        String path = fields.path("ports");
        List<Integer> ports = new ArrayList<>();
        if (node == null) {
            return ports;
        }
        if (node instanceof YamlNode.Scalar) {
            Matcher range = PORT_RANGE.matcher(((YamlNode.Scalar) node).getText().trim());
            if (range.matches()) {
                int first = Integer.parseInt(range.group(1));
                int last = Integer.parseInt(range.group(2));
                if (first < 1 || last > 65535 || first > last || last - first >= MAX_INSTANCES) {
                    fields.problems().add(path, node, "'" + ((YamlNode.Scalar) node).getText() + "' is not a valid "
                            + "port range: from low to high, within 1-65535, at most " + MAX_INSTANCES + " ports");
                    return ports;
                }
                for (int port = first; port <= last; port++) {
                    ports.add(port);
                }
                return ports;
            }
            Integer port = Fields.integer(fields.problems(), path, node, 1, 65535);
            if (port != null) {
                ports.add(port);
            }
            return ports;
        }
        if (!(node instanceof YamlNode.Sequence)) {
            fields.problems().add(path, node, "expected a port range such as 8081-8083 or a list of ports, found "
                    + node.describe());
            return ports;
        }
        List<YamlNode> items = ((YamlNode.Sequence) node).getItems();
        for (int i = 0; i < items.size(); i++) {
            Integer port = Fields.integer(fields.problems(), path + "[" + i + "]", items.get(i), 1, 65535);
            if (port != null) {
                ports.add(port); // a port listed twice is reported with the other port collisions
            }
        }
        return ports;
    }

    private static StrategySpec strategy(final Fields env) {
        YamlNode node = env.node("strategy");
        String path = env.path("strategy");
        StrategySpec fallback = new StrategySpec(StrategySpec.Type.ROLLING, 1, false);
        if (node == null) {
            return fallback;
        }
        if (node instanceof YamlNode.Scalar) {
            StrategySpec.Type type = strategyType(env.problems(), path, node);
            return type == null ? fallback : new StrategySpec(type, 1, false);
        }
        Fields fields = Fields.of(env.problems(), path, node, STRATEGY_KEYS);
        if (fields == null) {
            return fallback;
        }
        StrategySpec.Type type = StrategySpec.Type.ROLLING;
        if (!fields.has("type")) {
            fields.missing("type", "recreate or rolling");
        } else {
            type = strategyType(env.problems(), fields.path("type"), fields.node("type"));
        }
        Integer batchSize = fields.integer("batchSize", 1, 1, MAX_INSTANCES * 100);
        boolean canary = fields.bool("canary", false);
        Integer maxUnavailable = fields.integer("maxUnavailable", batchSize == null ? 1 : batchSize, 1,
                MAX_INSTANCES * 100);
        if (type == StrategySpec.Type.RECREATE) {
            for (String key : List.of("batchSize", "canary", "maxUnavailable")) {
                if (fields.has(key)) {
                    env.problems().add(fields.path(key), fields.node(key), "applies only to strategy rolling");
                }
            }
            return new StrategySpec(type, 1, false);
        }
        int size = batchSize == null ? 1 : batchSize;
        int max = maxUnavailable == null ? size : maxUnavailable;
        if (fields.has("maxUnavailable") && maxUnavailable != null && size > max) {
            env.problems().add(fields.path("batchSize"), fields.node("batchSize"), "takes " + size + " servers out "
                    + "at once, more than maxUnavailable " + max + " allows; lower batchSize or raise maxUnavailable");
        }
        return new StrategySpec(type == null ? StrategySpec.Type.ROLLING : type, size, canary, max);
    }

    private static StrategySpec.Type strategyType(final Problems problems, final String path, final YamlNode node) {
        String text = Fields.text(problems, path, node);
        if (text == null) {
            return null;
        }
        switch (text) {
            case "recreate":
                return StrategySpec.Type.RECREATE;
            case "rolling":
                return StrategySpec.Type.ROLLING;
            default:
                problems.add(path, node, "unknown strategy '" + text + "'"
                        + Suggestions.didYouMean(text, List.of("recreate", "rolling")) + "; use recreate or rolling");
                return null;
        }
    }

    private static LoadBalancerSpec loadBalancer(final Fields env) {
        YamlNode node = env.node("loadBalancer");
        if (node == null) {
            return null;
        }
        Fields fields = Fields.of(env.problems(), env.path("loadBalancer"), node, LOAD_BALANCER_KEYS);
        if (fields == null) {
            return null;
        }
        String runtimeApi = fields.requiredString("runtimeApi",
                "HAProxy's runtime API: a socket path such as /run/haproxy/admin.sock, or 127.0.0.1:9999");
        String socket = null;
        String host = null;
        int port = 0;
        if (runtimeApi != null) {
            String address = runtimeApi.startsWith("unix://") ? runtimeApi.substring("unix://".length()) : runtimeApi;
            Matcher tcp = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9a-fA-F:]+]):([0-9]{1,5})").matcher(address);
            if (address.startsWith("/") && address.length() > 1) {
                socket = address;
            } else if (tcp.matches() && Integer.parseInt(tcp.group(2)) >= 1 && Integer.parseInt(tcp.group(2)) <= 65535) {
                host = tcp.group(1);
                port = Integer.parseInt(tcp.group(2));
            } else {
                env.problems().add(fields.path("runtimeApi"), fields.node("runtimeApi"), "'" + runtimeApi
                        + "' is not a runtime API address; write a socket path such as /run/haproxy/admin.sock, "
                        + "or host:port such as 127.0.0.1:9999");
            }
        }
        String backend = fields.requiredString("backend", "the HAProxy backend that holds this environment's servers");
        if (backend != null && !BACKEND.matcher(backend).matches()) {
            env.problems().add(fields.path("backend"), fields.node("backend"), "'" + backend + "' is not a valid "
                    + "HAProxy backend name");
        }
        String serverName = fields.string("serverName", "{host}-{instance}");
        if (serverName != null) {
            List<String> unknown = Placeholders.unknown(serverName, Set.of("environment", "host", "instance"));
            if (!unknown.isEmpty()) {
                env.problems().add(fields.path("serverName"), fields.node("serverName"), "unknown placeholder "
                        + String.join(", ", unknown) + "; use {host}, {instance}, {environment}");
                serverName = null;
            }
        }
        Duration drainTimeout = fields.duration("drainTimeout", DRAIN_TIMEOUT);
        return new LoadBalancerSpec(runtimeApi, socket, host, port, backend,
                serverName == null ? "{host}-{instance}" : serverName,
                drainTimeout == null ? DRAIN_TIMEOUT : drainTimeout);
    }

    private static Set<PromotionRequirement> requires(final Fields env, final boolean promotes) {
        if (!env.has("requires")) {
            return promotes ? EnumSet.allOf(PromotionRequirement.class) : EnumSet.noneOf(PromotionRequirement.class);
        }
        Set<PromotionRequirement> requires = EnumSet.noneOf(PromotionRequirement.class);
        if (!promotes) {
            env.problems().add(env.path("requires"), env.node("requires"), "applies only with promotesFrom");
        }
        List<String> words = env.strings("requires");
        List<String> known = new ArrayList<>();
        for (PromotionRequirement requirement : PromotionRequirement.values()) {
            known.add(requirement.getKey());
        }
        for (String word : words) {
            PromotionRequirement found = null;
            for (PromotionRequirement requirement : PromotionRequirement.values()) {
                if (requirement.getKey().equals(word)) {
                    found = requirement;
                }
            }
            if (found == null) {
                env.problems().add(env.path("requires"), env.node("requires"), "unknown requirement '" + word + "'"
                        + Suggestions.didYouMean(word, known) + "; use " + String.join(", ", known));
            } else {
                requires.add(found);
            }
        }
        return requires;
    }

    private static RegistryTagsSpec registryTags(final Fields env) {
        YamlNode node = env.node("registryTags");
        if (node == null) {
            return new RegistryTagsSpec(false, false);
        }
        Fields fields = Fields.of(env.problems(), env.path("registryTags"), node, REGISTRY_TAGS_KEYS);
        if (fields == null) {
            return new RegistryTagsSpec(false, false);
        }
        return new RegistryTagsSpec(fields.bool("environment", false), fields.bool("latest", false));
    }
}
