package io.releaseledger.descriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The rules that span several fields or environments: names, promotion order, networks, ports and servers. */
final class DescriptorRules {
    /** One environment as read, with where its fields are. */
    record Read(String path, Fields fields, String name, List<DockerHostSpec> hosts, EnvironmentSpec spec) {
    }

    private final Problems problems;
    private final Map<String, Claim> ports = new HashMap<>();
    private final Map<String, Claim> containers = new HashMap<>();
    private final Map<String, Claim> backends = new HashMap<>();

    private record Claim(String environment, String path) {
    }

    private DescriptorRules(final Problems problems) {
        this.problems = problems;
    }

    static void check(final Problems problems, final List<Read> environments) {
        DescriptorRules rules = new DescriptorRules(problems);
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < environments.size(); i++) {
            Read read = environments.get(i);
            if (read.name() == null) {
                continue;
            }
            if (positions.containsKey(read.name())) {
                problems.add(read.fields().path("name"), read.fields().node("name"), "duplicate environment name '"
                        + read.name() + "' (also " + environments.get(positions.get(read.name())).path() + ")");
            } else {
                positions.put(read.name(), i);
            }
        }
        for (int i = 0; i < environments.size(); i++) {
            Read read = environments.get(i);
            rules.promotion(read, i, positions);
            rules.network(read);
            rules.instances(read);
            rules.loadBalancer(read);
            rules.claims(read);
            rules.smokeChecks(read);
        }
    }

    /** The deepest node along {@code keys} below the environment, for the most precise line (or override). */
    private static YamlNode at(final Fields env, final String... keys) {
        YamlNode node = env.mapping();
        for (String key : keys) {
            YamlNode child = node instanceof YamlNode.Mapping ? ((YamlNode.Mapping) node).getEntries().get(key) : null;
            if (child == null) {
                break;
            }
            node = child;
        }
        return node;
    }

    private void promotion(final Read read, final int position, final Map<String, Integer> positions) {
        String from = read.spec().getPromotesFrom();
        if (from == null) {
            return;
        }
        String path = read.fields().path("promotesFrom");
        YamlNode node = read.fields().node("promotesFrom");
        Integer source = positions.get(from);
        if (from.equals(read.name())) {
            problems.add(path, node, "an environment cannot promote from itself");
        } else if (source == null) {
            problems.add(path, node, "unknown environment '" + from + "'" + Suggestions.didYouMean(from,
                    positions.keySet()));
        } else if (source > position) {
            problems.add(path, node, "'" + from + "' comes after '" + read.name() + "'; list the environments in "
                    + "promotion order, the source first");
        }
    }

    private void network(final Read read) {
        EnvironmentSpec spec = read.spec();
        String network = spec.getContainer().getNetwork();
        Fields env = read.fields();
        String container = env.path("container");
        if ("none".equals(network)) {
            if (!spec.getContainer().getPorts().isEmpty()) {
                problems.add(container + ".ports", at(env, "container", "ports"), "published ports need a network; "
                        + "network is none");
            }
            if (spec.getLoadBalancer() != null) {
                problems.add(env.path("loadBalancer"), at(env, "loadBalancer"), "a load balancer cannot reach "
                        + "containers with network none");
            }
            for (HealthCheckSpec check : spec.getHealthGate().getChecks()) {
                if (check.getType() != HealthCheckSpec.Type.CONTAINER) {
                    problems.add(env.path("healthGate") + ".checks", at(env, "healthGate", "checks"), "the " + check.getType().name()
                            .toLowerCase(Locale.ROOT) + " check cannot reach a container with network none; use "
                            + "the container check");
                    break;
                }
            }
        } else if (spec.getContainer().isHostNetwork()) {
            if (!spec.getContainer().getPorts().isEmpty()) {
                problems.add(container + ".ports", at(env, "container", "ports"), "published ports do not apply with "
                        + "network host; each instance listens on its port from instances.ports");
            }
            if (spec.getInstances().getContainerPort() != 0) {
                problems.add(env.path("instances") + ".containerPort", at(env, "instances", "containerPort"), "applies only to "
                        + "bridge or named networks; with network host the instance listens on its own port");
            }
        } else if (!spec.getInstances().getPorts().isEmpty() && spec.getInstances().getContainerPort() == 0) {
            problems.add(env.path("instances") + ".containerPort", at(env, "instances"), "is required with "
                    + "instances.ports on network " + network + ": the container port each instance port is "
                    + "published to");
        }
    }

    private void instances(final Read read) {
        EnvironmentSpec spec = read.spec();
        Fields env = read.fields();
        InstancesSpec instances = spec.getInstances();
        if (instances.getCount() > 1 && instances.getPorts().isEmpty()) {
            problems.add(env.path("instances"), at(env, "instances"), "each of the " + instances.getCount()
                    + " instances on a host needs its own port: give instances.ports, a range such as 8081-808"
                    + instances.getCount() + " or a list");
            if (!spec.getContainer().getPorts().isEmpty() && spec.getContainer().getPorts().get(0).getHostPort() > 0) {
                problems.add(env.path("container") + ".ports", at(env, "container", "ports"), "host port "
                        + spec.getContainer().getPorts().get(0).getHostPort() + " would be published by each of the "
                        + instances.getCount() + " instances on one host; use instances.ports and "
                        + "instances.containerPort");
            }
        }
        int total = spec.getInstanceCount();
        StrategySpec strategy = spec.getStrategy();
        if (total > 0 && strategy.getBatchSize() > total) {
            problems.add(env.path("strategy") + ".batchSize", at(env, "strategy", "batchSize"), "batch size " + strategy.getBatchSize()
                    + " is larger than the " + total + " instance" + (total == 1 ? "" : "s") + " of this environment");
        }
        if (strategy.isCanary() && total < 2) {
            problems.add(env.path("strategy") + ".canary", at(env, "strategy", "canary"), "a canary needs at least two instances");
        }
        List<String> needPort = new ArrayList<>();
        if (spec.getLoadBalancer() != null) {
            needPort.add("the load balancer");
        }
        for (HealthCheckSpec check : spec.getHealthGate().getChecks()) {
            if (check instanceof HttpCheckSpec && Placeholders.uses(((HttpCheckSpec) check).getUrl(), "port")
                    || check instanceof TcpCheckSpec && Placeholders.uses(((TcpCheckSpec) check).getAddress(), "port")) {
                needPort.add("the " + check.getType().name().toLowerCase(Locale.ROOT) + " check");
            }
        }
        if (!needPort.isEmpty() && !"none".equals(spec.getContainer().getNetwork()) && instancePort(spec, 1) == 0) {
            Set<String> needers = new LinkedHashSet<>(needPort);
            problems.add(env.path("instances"), at(env, "instances"), String.join(" and ", needers)
                    + (needers.size() == 1 ? " needs" : " need")
                    + " the port of each instance: give instances.ports"
                    + (spec.getContainer().isHostNetwork() ? "" : ", or publish a host port in container.ports"));
        }
        if (read.name() != null && spec.getRegistryTags().isEnvironment() && "latest".equals(read.name())) {
            problems.add(env.path("registryTags") + ".environment", at(env, "registryTags", "environment"), "an environment named "
                    + "'latest' cannot be a registry tag; 'latest' means what the release branch released");
        }
        Set<String> hostNames = new HashSet<>();
        Set<String> urls = new HashSet<>();
        List<YamlNode> items = env.node("hosts") instanceof YamlNode.Sequence
                ? ((YamlNode.Sequence) env.node("hosts")).getItems() : List.of();
        for (int i = 0; i < read.hosts().size(); i++) {
            DockerHostSpec host = read.hosts().get(i);
            YamlNode item = i < items.size() ? items.get(i) : env.mapping();
            if (host == null) {
                continue;
            }
            if (!urls.add(host.getUrl())) {
                problems.add(env.path("hosts") + "[" + i + "]", item, "host " + host.getUrl() + " is listed twice");
            } else if (!hostNames.add(host.getName())) {
                problems.add(env.path("hosts") + "[" + i + "]", item, "host name '" + host.getName()
                        + "' is used twice in this environment; give each host a distinct name");
            }
        }
    }

    /** Smoke checks that use {address} or {port} run against each instance, so each needs a known port. */
    private void smokeChecks(final Read read) {
        EnvironmentSpec spec = read.spec();
        for (HealthCheckSpec check : spec.getSmokeChecks().getChecks()) {
            String template = check instanceof HttpCheckSpec ? ((HttpCheckSpec) check).getUrl()
                    : check instanceof DeniesCheckSpec ? ((DeniesCheckSpec) check).getUrl()
                    : check instanceof TcpCheckSpec ? ((TcpCheckSpec) check).getAddress()
                    : check instanceof HeartbeatCheckSpec ? String.valueOf(((HeartbeatCheckSpec) check).getUrl())
                    : check instanceof BrowserCheckSpec ? ((BrowserCheckSpec) check).getUrl()
                    : check instanceof CommandCheckSpec ? String.join(" ", ((CommandCheckSpec) check).getCommand())
                    : "";
            if (Placeholders.uses(template, "port") && instancePort(spec, 1) == 0) {
                problems.add(read.fields().path("smokeChecks"), at(read.fields(), "smokeChecks", "checks"),
                        "the " + check.getType().name().toLowerCase(Locale.ROOT) + " check uses {port}, but the "
                                + "descriptor gives no port: give instances.ports, publish a host port in "
                                + "container.ports, or write the environment's URL");
                return;
            }
        }
    }

    /** The port instance {@code instance} (1-based) serves on, 0 when the descriptor does not say. */
    static int instancePort(final EnvironmentSpec spec, final int instance) {
        int port = spec.getInstances().port(instance);
        if (port == 0 && spec.getInstances().getCount() == 1 && !spec.getContainer().isHostNetwork()) {
            for (PortMapping mapping : spec.getContainer().getPorts()) {
                if (mapping.getHostPort() > 0 && "tcp".equals(mapping.getProtocol())) {
                    return mapping.getHostPort();
                }
            }
        }
        return port;
    }

    private void loadBalancer(final Read read) {
        LoadBalancerSpec balancer = read.spec().getLoadBalancer();
        if (balancer == null || read.name() == null) {
            return;
        }
        Fields env = read.fields();
        String path = env.path("loadBalancer");
        String serverNameProblem = null;
        Set<String> names = new HashSet<>();
        for (DockerHostSpec host : read.spec().getHosts()) {
            for (int i = 1; i <= read.spec().getInstances().getCount() && serverNameProblem == null; i++) {
                String name = balancer.serverName(read.name(), host, i);
                if (!names.add(name)) {
                    serverNameProblem = "gives two servers the name '" + name + "'; use {host} and {instance} so "
                            + "that each instance has its own";
                } else if (!name.matches("[A-Za-z0-9_.:-]+")) {
                    serverNameProblem = "'" + name + "' is not a valid HAProxy server name";
                }
            }
        }
        if (serverNameProblem != null) {
            problems.add(path + ".serverName", at(env, "loadBalancer", "serverName"), serverNameProblem);
        }
        if (balancer.getRuntimeApi() == null || balancer.getBackend() == null) {
            return;
        }
        String key = balancer.getRuntimeApi() + " " + balancer.getBackend();
        Claim earlier = backends.putIfAbsent(key, new Claim(read.name(), path));
        if (earlier != null) {
            problems.add(path + ".backend", at(env, "loadBalancer", "backend"), "backend '" + balancer.getBackend()
                    + "' of " + balancer.getRuntimeApi() + " is also used by environment " + earlier.environment()
                    + "; each environment needs its own");
        }
    }

    /** Ports and container names taken on each machine (a host's address), across all environments. */
    private void claims(final Read read) {
        EnvironmentSpec spec = read.spec();
        Fields env = read.fields();
        String name = read.name() == null ? read.path() : read.name();
        Set<String> urls = new HashSet<>();
        for (int h = 0; h < read.hosts().size(); h++) {
            DockerHostSpec host = read.hosts().get(h);
            if (host == null || !urls.add(host.getUrl())) {
                continue; // a host listed twice is reported once, by instances()
            }
            String machine = host.getAddress().toLowerCase(Locale.ROOT);
            for (int i = 1; i <= spec.getInstances().getCount(); i++) {
                int port = spec.getInstances().port(i);
                if (port > 0) {
                    claim(ports, machine + " " + port + "/tcp", name, env.path("instances") + ".ports",
                            at(env, "instances", "ports"), "port " + port + " on " + host.getAddress());
                }
                claim(containers, host.getUrl() + " " + spec.getContainer().instanceName(i), name,
                        env.path("container") + ".name", at(env, "container", "name"),
                        "container name '" + spec.getContainer().instanceName(i) + "' on " + host.getUrl());
            }
            if (spec.getInstances().getCount() == 1) {
                for (PortMapping mapping : spec.getContainer().getPorts()) {
                    if (mapping.getHostPort() > 0) {
                        claim(ports, machine + " " + mapping.getHostPort() + "/" + mapping.getProtocol(), name,
                                env.path("container") + ".ports", at(env, "container", "ports"), "port "
                                        + mapping.getHostPort() + "/" + mapping.getProtocol() + " on "
                                        + host.getAddress());
                    }
                }
            }
        }
    }

    private void claim(final Map<String, Claim> taken, final String key, final String environment, final String path,
            final YamlNode node, final String what) {
        Claim earlier = taken.putIfAbsent(key, new Claim(environment, path));
        if (earlier == null) {
            return;
        }
        String owner = earlier.environment().equals(environment) ? "this environment (" + earlier.path() + ")"
                : "environment " + earlier.environment() + " (" + earlier.path() + ")";
        problems.add(path, node, what + " is also used by " + owner);
    }
}
