package io.releaseledger.deploy;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.report.Messages;
import io.releaseledger.rollout.DeployTargets;
import io.releaseledger.rollout.Labels;
import io.releaseledger.rollout.LocalDeploymentExecutor;
import io.releaseledger.testing.fakes.FakeContainerEngine;
import io.releaseledger.testing.fakes.FakeLoadBalancer;
import io.releaseledger.testing.fakes.Faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One test's world without Docker: environment "web" of {@link #instances} instances on one fake host, behind a fake
 * load balancer or none, and a real ledger in a temporary directory. Versions map to made-up digests; those in
 * {@link #crashing} exit as soon as they start.
 */
final class FakeWorld implements AutoCloseable {
    static final String APPLICATION = "fakeapp";
    static final String REPOSITORY = "127.0.0.1:5000/fakeapp";
    static final String HOST = "h";
    static final String BACKEND = "web_back";

    final Faults faults = new Faults();
    final Set<String> registry = new LinkedHashSet<>();
    final Set<String> crashing = new LinkedHashSet<>();
    final Messages messages = new Messages();
    /** More of the container's descriptor, such as {@code , env: {LOG_LEVEL: info}}. */
    String containerExtra = "";
    /** The secrets the deploys resolve, by environment-variable reference. */
    final Map<String, String> secrets = new java.util.HashMap<>();
    final Ledger ledger;
    final int instances;
    final boolean loadBalanced;
    String strategy = "{type: rolling, batchSize: 1}";
    String container = "{network: host, restart: \"no\"}";
    /** Extra YAML lines of environment web (indented by four spaces), e.g. smokeChecks. */
    String extra = "";
    private FakeContainerEngine engine;
    private FakeLoadBalancer lb;

    FakeWorld(final Path temp, final int instances, final boolean loadBalanced) throws IOException {
        this.instances = instances;
        this.loadBalanced = loadBalanced;
        ledger = Ledger.open(temp.resolve("ledger"), APPLICATION);
    }

    static String digest(final String version) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < 64) {
            hex.append(Integer.toHexString(Math.abs((version + hex.length()).hashCode())));
        }
        return "sha256:" + hex.substring(0, 64);
    }

    static String image(final String version) {
        return REPOSITORY + "@" + digest(version);
    }

    /** Makes the version's image pullable. */
    FakeWorld publish(final String version) {
        registry.add(image(version));
        return this;
    }

    ReleaseDescriptor descriptor() {
        StringBuilder ports = new StringBuilder();
        for (int i = 1; i <= instances; i++) {
            ports.append(i > 1 ? ", " : "").append(18_000 + i);
        }
        return DescriptorLoader.parse("schemaVersion: 1\n"
                + "application: " + APPLICATION + "\n"
                + "image: " + REPOSITORY + "\n"
                + "environments:\n"
                + "  - name: web\n"
                + "    hosts:\n"
                + "      - {url: \"tcp://127.0.0.1:2375\", name: " + HOST + ", address: 127.0.0.1}\n"
                + "    container: " + container.substring(0, container.length() - 1) + containerExtra + "}\n"
                + "    instances: {count: " + instances + ", ports: [" + ports + "]}\n"
                + "    strategy: " + strategy + "\n"
                + (loadBalanced ? "    loadBalancer:\n"
                        + "      runtimeApi: /nonexistent/admin.sock\n"
                        + "      backend: " + BACKEND + "\n"
                        + "      serverName: \"{host}-{instance}\"\n"
                        + "      drainTimeout: 1s\n" : "")
                + "    healthGate:\n"
                + "      timeout: 1s\n"
                + "      interval: 100ms\n"
                + "      checks:\n"
                + "        - container: {stableFor: 0ms}\n"
                + extra, "fake release-ledger.yaml");
    }

    FakeContainerEngine engine() {
        if (engine == null) {
            engine = new FakeContainerEngine(HOST, faults, registry, crashing);
        }
        return engine;
    }

    FakeLoadBalancer loadBalancer() {
        if (lb == null && loadBalanced) {
            List<String> servers = new ArrayList<>();
            for (int i = 1; i <= instances; i++) {
                servers.add(HOST + "-" + i);
            }
            lb = new FakeLoadBalancer(BACKEND, servers, faults, server -> {
                ContainerState state = engine().peek(container(Integer.parseInt(server.substring(HOST.length() + 1))));
                return state != null && state.isRunning();
            });
        }
        return lb;
    }

    DeployTargets targets() {
        return new DeployTargets() {
            @Override
            public ContainerEngine engine(final String host) {
                return FakeWorld.this.engine();
            }

            @Override
            public LoadBalancer loadBalancer() {
                return FakeWorld.this.loadBalancer();
            }

            @Override
            public void close() {
                // the fakes hold nothing
            }
        };
    }

    static String container(final int instance) {
        return APPLICATION + "-web-" + instance;
    }

    DeployCommand deploy(final String version) {
        LocalDeploymentExecutor executor = new LocalDeploymentExecutor(descriptor(), null).setTargets(targets())
                .setMessages(messages).setStopTimeout(Duration.ofSeconds(1))
                .setSecrets(reference -> secrets.get(reference.getEnvironmentVariable()));
        return new DeployCommand(descriptor(), "web", version, ledger, executor).setDigest(digest(version))
                .setActor(new Actor("alice", null)).setOrigin(Origin.cli("alice", "test")).setMessages(messages)
                .setLockTimeout(Duration.ZERO);
    }

    /** The version each instance runs ("stopped 1.0.0" when its container does not run, "none" without one). */
    List<String> versions() {
        List<String> versions = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            ContainerState state = engine().peek(container(i));
            String version = state == null ? "none" : state.getLabels().get(Labels.VERSION);
            boolean right = state != null && image(version).equals(state.getImage());
            versions.add(state == null ? "none" : (state.isRunning() ? "" : "stopped ") + version
                    + (right ? "" : " (wrong image)"));
        }
        return versions;
    }

    /** Every server's "admin/operational" state, as the fake load balancer sees it now. */
    List<String> servers() {
        List<String> servers = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            var state = loadBalancer().peek(HOST + "-" + i);
            servers.add(state.getAdminState() + "/" + state.getOperationalState());
        }
        return servers;
    }

    List<String> eventTypes() {
        List<String> types = new ArrayList<>();
        ledger.events("web").forEach(event -> types.add(event.getType()));
        return types;
    }

    List<Map<String, Object>> events(final String type) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (LedgerEvent event : ledger.events("web")) {
            if (type.equals(event.getType())) {
                found.add(event.getData());
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> current() {
        for (Object env : (List<Object>) ledger.view().state().get("environments")) {
            Map<String, Object> json = (Map<String, Object>) env;
            if ("web".equals(json.get("name"))) {
                return (Map<String, Object>) json.get("current");
            }
        }
        return null;
    }

    @Override
    public void close() {
        ledger.close();
    }
}
