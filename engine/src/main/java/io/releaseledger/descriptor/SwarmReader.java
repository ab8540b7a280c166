package io.releaseledger.descriptor;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads an environment's {@code swarm} section and checks it against the rest of the environment. */
final class SwarmReader {
    static final Set<String> KEYS = Set.of("service", "replicas", "update", "rollback", "timeout", "portOffset");
    static final Set<String> UPDATE_KEYS = Set.of("parallelism", "delay", "order", "failureAction", "monitor");
    /** Swarm's rule for service names: a DNS label. */
    private static final Pattern SERVICE = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Duration MONITOR = Duration.ofSeconds(5);
    private static final int MAX_REPLICAS = 100;
    private static final int MAX_PORT = 65535;

    private SwarmReader() {
    }

    /** The section, or {@code null} when the environment has none (or it is unreadable, after a problem). */
    static SwarmSpec read(final Fields env, final String defaultService, final InstancesSpec instances) {
        YamlNode node = env.node("swarm");
        if (node == null) {
            return null;
        }
        Fields fields = Fields.of(env.problems(), env.path("swarm"), node, KEYS);
        if (fields == null) {
            return null;
        }
        String service = fields.string("service", defaultService.replaceAll("[^a-zA-Z0-9-]", "-"));
        if (service != null && !SERVICE.matcher(service).matches()) {
            env.problems().add(fields.path("service"), fields.node("service"), "'" + service + "' is not a valid "
                    + "Swarm service name: letters, digits and '-', at most 63, not starting or ending with '-'");
        }
        Integer replicas = fields.integer("replicas", instances.getCount(), 1, MAX_REPLICAS);
        if (fields.has("replicas") && replicas != null && instancesCountGiven(env)
                && replicas != instances.getCount()) {
            env.problems().add(fields.path("replicas"), fields.node("replicas"), "gives " + replicas + " replicas, "
                    + "but instances gives " + instances.getCount() + "; give the number once");
        }
        SwarmUpdateSpec update = update(fields, "update", SwarmUpdateSpec.FailureAction.ROLLBACK);
        SwarmUpdateSpec rollback = update(fields, "rollback", SwarmUpdateSpec.FailureAction.PAUSE);
        Duration timeout = fields.duration("timeout", TIMEOUT);
        Integer portOffset = fields.integer("portOffset", 0, 0, MAX_PORT - 1);
        return new SwarmSpec(service == null ? "invalid" : service, replicas == null ? 1 : replicas, update,
                rollback, timeout == null ? TIMEOUT : timeout, portOffset == null ? 0 : portOffset);
    }

    private static boolean instancesCountGiven(final Fields env) {
        YamlNode node = env.node("instances");
        return node instanceof YamlNode.Scalar
                || node instanceof YamlNode.Mapping mapping && mapping.getEntries().containsKey("count");
    }

    /**
     * What a swarm environment needs from the rest of the environment: one host (a manager), host networking with a
     * port per replica, and no strategy of its own (Swarm replaces the tasks).
     */
    static void check(final Fields env, final SwarmSpec swarm, final List<DockerHostSpec> hosts,
            final ContainerSpec container, final InstancesSpec instances) {
        Problems problems = env.problems();
        if (hosts.size() != 1) {
            problems.add(env.path("hosts"), env.node("hosts"), "a swarm environment names exactly one host, a "
                    + "manager of the swarm (such as unix:///var/run/docker.sock); Swarm places the tasks itself");
        }
        if (env.has("strategy")) {
            problems.add(env.path("strategy"), env.node("strategy"), "does not apply to a swarm environment: Swarm "
                    + "replaces the tasks as swarm.update says; remove strategy");
        }
        if (container != null && !container.isHostNetwork()) {
            problems.add(env.path("container"), env.node("container"), "a swarm environment needs container.network: "
                    + "host (each task listens on its replica's port from instances.ports; see docs/swarm.md)");
        }
        if (instances.getPorts().size() != swarm.getReplicas()) {
            problems.add(env.path("instances"), env.node("instances"), "give one port per replica in "
                    + "instances.ports (" + swarm.getReplicas() + " replica" + (swarm.getReplicas() == 1 ? "" : "s")
                    + "): with host networking each task listens on the port of its slot");
        }
        if (swarm.getRollback().getOrder() == SwarmUpdateSpec.Order.START_FIRST) {
            // Swarm's rollback replaces even a task that still runs the previous spec; start-first starts the
            // replacement on the port (host networking) the old task holds and stops the old one only once it runs
            YamlNode section = env.node("swarm");
            YamlNode rollback = section instanceof YamlNode.Mapping mapping ? mapping.getEntries().get("rollback")
                    : section;
            problems.add(env.path("swarm") + ".rollback.order", rollback, "start-first cannot roll a swarm "
                    + "environment back: Swarm's rollback replaces each slot's task with a new one of the previous "
                    + "spec, also a task that still runs it, and start-first starts the new one on the port the old "
                    + "one holds (host networking), where it cannot bind until Swarm stops the old one; use "
                    + "rollback: {order: stop-first} (the default; start-first updates on two port sets are not "
                    + "affected, see docs/swarm.md)");
        }
        boolean startFirst = swarm.getUpdate().getOrder() == SwarmUpdateSpec.Order.START_FIRST;
        if (startFirst && !swarm.hasTwoPortSets()) {
            problems.add(env.path("swarm"), env.node("swarm"), "order start-first needs swarm.portOffset (such as "
                    + "100): with host networking the new task of a slot cannot bind the port its old task still "
                    + "holds, so each release alternates between instances.ports and instances.ports + portOffset, "
                    + "with HAProxy servers for both sets (see docs/swarm.md); or use stop-first");
        }
        if (swarm.hasTwoPortSets()) {
            checkPortSets(env, swarm, instances);
        }
    }

    /** The second port set must not overlap the first, fit in a port number, and be reached through HAProxy. */
    private static void checkPortSets(final Fields env, final SwarmSpec swarm, final InstancesSpec instances) {
        Problems problems = env.problems();
        String path = env.path("swarm") + ".portOffset";
        YamlNode at = env.node("swarm") instanceof YamlNode.Mapping section ? section.getEntries().get("portOffset")
                : env.node("swarm");
        if (!env.has("loadBalancer")) {
            problems.add(path, at, "two port sets need a loadBalancer whose backend has a server per slot for each "
                    + "set (web-1 and web-1-b, ...): clients reach the service only through HAProxy, which follows "
                    + "the set that is live; see docs/swarm.md");
        }
        List<Integer> ports = instances.getPorts();
        for (int port : ports) {
            int other = port + swarm.getPortOffset();
            if (other > MAX_PORT) {
                problems.add(path, at, "moves port " + port + " to " + other + ", beyond " + MAX_PORT
                        + "; use a smaller offset");
                return;
            }
            if (ports.contains(other)) {
                problems.add(path, at, "moves port " + port + " to " + other + ", which instances.ports already "
                        + "gives a slot: the two port sets must not overlap; use an offset of at least "
                        + (java.util.Collections.max(ports) - java.util.Collections.min(ports) + 1));
                return;
            }
        }
    }

    private static SwarmUpdateSpec update(final Fields swarm, final String key,
            final SwarmUpdateSpec.FailureAction defaultAction) {
        SwarmUpdateSpec fallback = new SwarmUpdateSpec(1, Duration.ZERO, SwarmUpdateSpec.Order.STOP_FIRST,
                defaultAction, MONITOR);
        YamlNode node = swarm.node(key);
        if (node == null) {
            return fallback;
        }
        Fields fields = Fields.of(swarm.problems(), swarm.path(key), node, UPDATE_KEYS);
        if (fields == null) {
            return fallback;
        }
        Integer parallelism = fields.integer("parallelism", 1, 0, MAX_REPLICAS);
        Duration delay = fields.duration("delay", Duration.ZERO);
        Duration monitor = fields.duration("monitor", MONITOR);
        SwarmUpdateSpec.Order order = choice(fields, "order", SwarmUpdateSpec.Order.values(),
                SwarmUpdateSpec.Order.STOP_FIRST);
        SwarmUpdateSpec.FailureAction action = choice(fields, "failureAction",
                SwarmUpdateSpec.FailureAction.values(), defaultAction);
        if ("rollback".equals(key) && action == SwarmUpdateSpec.FailureAction.ROLLBACK) {
            swarm.problems().add(fields.path("failureAction"), fields.node("failureAction"), "a rollback cannot "
                    + "roll back; use pause or continue");
        }
        return new SwarmUpdateSpec(parallelism == null ? 1 : parallelism, delay == null ? Duration.ZERO : delay,
                order, action, monitor == null ? MONITOR : monitor);
    }

    private static <E extends Enum<E>> E choice(final Fields fields, final String key, final E[] values,
            final E fallback) {
        String text = fields.string(key, null);
        if (text == null) {
            return fallback;
        }
        List<String> words = java.util.Arrays.stream(values).map(SwarmUpdateSpec::word).toList();
        for (E value : values) {
            if (SwarmUpdateSpec.word(value).equals(text)) {
                return value;
            }
        }
        fields.problems().add(fields.path(key), fields.node(key), "unknown " + key + " '" + text + "'"
                + Suggestions.didYouMean(text, words) + "; use " + String.join(" or ", words));
        return fallback;
    }
}
