package io.releaseledger.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.PlanRequest;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.loadbalancer.AdminState;
import io.releaseledger.loadbalancer.DrainResult;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.loadbalancer.OperationalState;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.registry.RegistryCredentials;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import io.releaseledger.swarm.SwarmEngine;
import io.releaseledger.swarm.SwarmService;
import io.releaseledger.swarm.SwarmServiceRequest;
import io.releaseledger.swarm.SwarmTask;
import io.releaseledger.testing.FreePorts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The swarm rollout against a scripted manager: what the service update asks of Swarm, and that an update Swarm
 * pauses or rolls back ends as a recorded failure with the previous release back.
 */
class SwarmDeployerTest {
    private static final String OLD = "sha256:" + "1".repeat(64);
    private static final String NEW = "sha256:" + "2".repeat(64);
    private static final String REPOSITORY = "127.0.0.1:5000/shop";

    private final FakeSwarm swarm = new FakeSwarm();
    private final List<String> recorded = new ArrayList<>();

    private static ReleaseDescriptor descriptor() {
        return DescriptorLoader.parse("schemaVersion: 1\n"
                + "application: shop\n"
                + "image: " + REPOSITORY + "\n"
                + "environments:\n"
                + "  - name: staging\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    container: {network: host}\n"
                + "    instances: {ports: [18601, 18602]}\n"
                + "    healthGate: {checks: [{http: /health}]}\n"
                + "    swarm: {timeout: 5s, update: {parallelism: 1, failureAction: pause, monitor: 1s}}\n");
    }

    /** Two port sets (+100), start-first, HAProxy servers web-1, web-2 and web-1-b, web-2-b. */
    private static ReleaseDescriptor twoSets() {
        return twoSets(List.of(18601, 18602), "{timeout: 5s, checks: [{http: /health}]}",
                "{timeout: 5s, portOffset: 100, update: {order: start-first, failureAction: rollback}}");
    }

    /** {@link #twoSets()} with the second set on the given ports (the first 100 below), a gate of 1 s, stop-first. */
    private static ReleaseDescriptor twoSetsGatedOn(final List<Integer> secondPorts) {
        return twoSets(secondPorts.stream().map(port -> port - 100).toList(),
                "{timeout: 1s, interval: 100ms, checks: [{http: {url: /health, timeout: 200ms}}]}",
                "{timeout: 20s, portOffset: 100, update: {parallelism: 1, failureAction: pause, monitor: 1s}}");
    }

    /** Staging on the first set's ports with HAProxy's servers web-{instance} and web-{instance}-b. */
    private static ReleaseDescriptor twoSets(final List<Integer> firstPorts, final String healthGate,
            final String swarm) {
        return DescriptorLoader.parse("schemaVersion: 1\n"
                + "application: shop\n"
                + "image: " + REPOSITORY + "\n"
                + "environments:\n"
                + "  - name: staging\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    container: {network: host}\n"
                + "    instances: {ports: " + firstPorts + "}\n"
                + "    healthGate: " + healthGate + "\n"
                + "    loadBalancer: {runtimeApi: /run/haproxy/admin.sock, backend: shop,"
                + " serverName: 'web-{instance}'}\n"
                + "    swarm: " + swarm + "\n");
    }

    /** Three slots on the given ports, a gate of one http check within 1 s, failure action pause, no load balancer. */
    private static ReleaseDescriptor threeSlots(final List<Integer> ports) {
        return threeSlots(ports, "{http: {url: /health, timeout: 200ms}}", "pause");
    }

    private static ReleaseDescriptor threeSlots(final List<Integer> ports, final String check,
            final String failureAction) {
        return DescriptorLoader.parse("schemaVersion: 1\n"
                + "application: shop\n"
                + "image: " + REPOSITORY + "\n"
                + "environments:\n"
                + "  - name: staging\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    container: {network: host}\n"
                + "    instances: {ports: " + ports + "}\n"
                + "    healthGate: {timeout: 1s, interval: 100ms, checks: [" + check + "]}\n"
                + "    swarm: {timeout: 20s, update: {parallelism: 1, failureAction: " + failureAction
                + ", monitor: 1s}}\n");
    }

    private LocalDeploymentExecutor executor() {
        return executor(descriptor(), null);
    }

    private LocalDeploymentExecutor executor(final ReleaseDescriptor descriptor, final LoadBalancer lb) {
        return new LocalDeploymentExecutor(descriptor, null).setTargets(new DeployTargets() {
            @Override
            public ContainerEngine engine(final String host) {
                // the host preflight pings the manager; nothing else of the container engine is needed before the checks
                return new PingOnlyEngine(() -> "swarm manager");
            }

            @Override
            public SwarmEngine swarm(final String host) {
                return swarm;
            }

            @Override
            public LoadBalancer loadBalancer() {
                return lb;
            }

            @Override
            public void close() {
            }
        });
    }

    private DeploymentPlan plan(final LocalDeploymentExecutor executor) {
        return executor.plan(new PlanRequest("staging", "1.1.0").setDigest(NEW));
    }

    @Test
    void shouldPlanOneBatchOfTheServicesSlotsReplacingWhatItsLabelsSay() {
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);

        DeploymentPlan plan = plan(executor());

        assertThat(plan.getStrategy()).isEqualTo("swarm");
        assertThat(plan.getBatches()).singleElement().satisfies(batch -> assertThat(batch)
                .extracting(instance -> instance.getContainerName() + ":" + instance.getPort())
                .containsExactly("shop-staging.1:18601", "shop-staging.2:18602"));
        assertThat(plan.getPreviousVersions()).containsExactly("1.0.0");
    }

    @Test
    void shouldUpdateByDigestWithThePortOfEachSlotAndTheUpdateConfig() {
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
        swarm.outcome = SwarmService.UpdateState.PAUSED;
        LocalDeploymentExecutor executor = executor();

        assertThatThrownBy(() -> executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type)));

        SwarmServiceRequest request = swarm.requests.get(0);
        assertThat(request.getImage()).isEqualTo(REPOSITORY + "@" + NEW);
        assertThat(request.getReplicas()).isEqualTo(2);
        assertThat(request.getEnvironment()).containsEntry("PORT", "{{if eq (printf \"%v\" .Task.Slot) \"1\"}}18601"
                + "{{else if eq (printf \"%v\" .Task.Slot) \"2\"}}18602{{end}}");
        assertThat(request.getLabels()).containsEntry(Labels.VERSION, "1.1.0").containsEntry(Labels.DIGEST, NEW);
        assertThat(request.getContainerLabels()).isEqualTo(request.getLabels());
        assertThat(request.getUpdate().getFailureAction()).isEqualTo("pause");
        assertThat(request.getUpdate().isStartFirst()).isFalse();
        assertThat(request.getRollback().getFailureAction()).isEqualTo("pause");
    }

    @Test
    void shouldRecordAPausedUpdateAsAFailureAndRollBackThroughSwarm() {
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
        swarm.outcome = SwarmService.UpdateState.PAUSED;
        LocalDeploymentExecutor executor = executor();

        assertThatThrownBy(() -> executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type)))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Swarm paused the update of service shop-staging: update paused due to failure")
                .hasMessageContaining("runs the previous release again");

        assertThat(swarm.rollbacks).isEqualTo(1);
        assertThat(recorded).containsExactly(EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_FAILED,
                EventTypes.RELEASE_ROLLED_BACK);
    }

    @Test
    void shouldLeaveTheRollbackToSwarmWhenItRolledBackItself() {
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
        swarm.outcome = SwarmService.UpdateState.ROLLBACK_COMPLETED;
        LocalDeploymentExecutor executor = executor();

        assertThatThrownBy(() -> executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type)))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Swarm rolled the update of service shop-staging back");

        assertThat(swarm.rollbacks).isZero();
        assertThat(recorded).containsExactly(EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_FAILED,
                EventTypes.RELEASE_ROLLED_BACK);
    }

    @Test
    void shouldAskSwarmToRollBackAsSoonAsTheFirstReplacedSlotFailsTheHealthGate() throws Exception {
        // nothing listens on the slots' ports: the new release's /health never answers. Swarm replaces the next slot
        // on the next read of the tasks, without waiting for Release Ledger (as its updater does once the delay ran)
        List<Integer> ports = freePorts(3);
        swarm.replicas = 3;
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
        swarm.rolling = true;
        Messages messages = new Messages();
        LocalDeploymentExecutor executor = executor(threeSlots(ports), null).setMessages(messages);

        assertThatThrownBy(() -> executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type)))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("shop-staging.1 (127.0.0.1:" + ports.get(0) + "): the health gate failed")
                .hasMessageContaining("runs the previous release again");

        assertThat(swarm.replaced).as("slots Swarm replaced with the broken release").isEqualTo(1);
        assertThat(swarm.rollbacks).isEqualTo(1);
        assertThat(texts(messages)).anyMatch(text -> text.contains("slot 1 of 3 runs 1.1.0: health gate"))
                .anyMatch(text -> text.contains("slot 1 of 3 runs 1.1.0 and failed the health gate; asking Swarm"))
                .noneMatch(text -> text.contains("slot 2 of 3")).noneMatch(text -> text.contains("slot 3 of 3"));
        assertThat(recorded).containsExactly(EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_FAILED,
                EventTypes.RELEASE_ROLLED_BACK);
        // Swarm waits after each slot at least as long as a failing gate can take: 1 s, its last round, 1 s
        assertThat(swarm.requests.get(0).getUpdate().getDelay()).isEqualTo(Duration.ofMillis(2200));
    }

    @Test
    void shouldLeaveTheRollbackToSwarmWhenTheGatedSlotsTaskEndedAndSwarmRollsBackItself() throws Exception {
        // as seen on the real swarm with a release that exits: the gate found the task ended while Swarm's failure
        // action was about to roll back; a rollback asked for at the same time raced Swarm's (which then refused it)
        swarm.replicas = 3;
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
        swarm.rolling = true;
        swarm.withoutContainers = true; // the container check finds none: a failure waiting cannot fix
        swarm.readsUntilSwarmRollsBack = 2;
        LocalDeploymentExecutor executor = executor(threeSlots(freePorts(3), "container", "rollback"), null);

        assertThatThrownBy(() -> executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type)))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Swarm rolled the update of service shop-staging back")
                .hasMessageContaining("shop-staging.1")
                .hasMessageContaining("runs the previous release again");

        assertThat(swarm.rollbacks).as("rollbacks Release Ledger asked for").isZero();
        assertThat(swarm.replaced).isEqualTo(1);
        assertThat(recorded).containsExactly(EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_FAILED,
                EventTypes.RELEASE_ROLLED_BACK);
    }

    @Test
    void shouldGateEachSlotOnceAsSwarmReplacesIt() throws Exception {
        List<com.sun.net.httpserver.HttpServer> servers = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/health", exchange -> {
                    exchange.sendResponseHeaders(200, 2);
                    exchange.getResponseBody().write("ok".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    exchange.close();
                });
                server.start();
                servers.add(server);
                ports.add(server.getAddress().getPort());
            }
            swarm.replicas = 3;
            swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
            swarm.rolling = true;
            Messages messages = new Messages();
            LocalDeploymentExecutor executor = executor(threeSlots(ports), null).setMessages(messages);

            executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type));

            assertThat(texts(messages)).filteredOn(text -> text.contains("health gate on"))
                    .containsExactly(gateMessage(1, ports), gateMessage(2, ports), gateMessage(3, ports));
            assertThat(texts(messages)).filteredOn(text -> text.contains("passed the health gate")).hasSize(3);
            assertThat(swarm.rollbacks).isZero();
            assertThat(recorded).containsExactly(EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_SUCCEEDED);
        } finally {
            servers.forEach(server -> server.stop(0));
        }
    }

    private static String gateMessage(final int slot, final List<Integer> ports) {
        return "Swarm service shop-staging: slot " + slot + " of 3 runs 1.1.0: health gate on 127.0.0.1:"
                + ports.get(slot - 1);
    }

    private static List<String> texts(final Messages messages) {
        return messages.getAll().stream().map(Message::getText).toList();
    }

    private static List<Integer> freePorts(final int count) {
        return FreePorts.next(count);
    }

    @Test
    void shouldPlanTheOtherPortSetThanTheServiceRuns() {
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);

        DeploymentPlan toSecond = plan(executor(twoSets(), new FakeBalancer()));
        swarm.service = swarm.service("1.1.0", NEW, SwarmService.UpdateState.COMPLETED, "b");
        DeploymentPlan toFirst = executor(twoSets(), new FakeBalancer()).plan(new PlanRequest("staging", "1.2.0")
                .setDigest(NEW));

        assertThat(toSecond.getInstances()).extracting(i -> i.getServer() + ":" + i.getPort())
                .containsExactly("web-1-b:18701", "web-2-b:18702");
        assertThat(toFirst.getInstances()).extracting(i -> i.getServer() + ":" + i.getPort())
                .containsExactly("web-1:18601", "web-2:18602");
    }

    @Test
    void shouldUpdateStartFirstOnTheOtherSetWithItsLabelAndPutTheOldSetBackWhenSwarmRollsBack() {
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
        swarm.outcome = SwarmService.UpdateState.ROLLBACK_COMPLETED;
        FakeBalancer lb = new FakeBalancer();
        LocalDeploymentExecutor executor = executor(twoSets(), lb);

        assertThatThrownBy(() -> executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type)))
                .hasMessageContaining("Swarm rolled the update of service shop-staging back");

        SwarmServiceRequest request = swarm.requests.get(0);
        assertThat(request.getUpdate().isStartFirst()).isTrue();
        assertThat(request.getEnvironment()).containsEntry("PORT", "{{if eq (printf \"%v\" .Task.Slot) \"1\"}}18701"
                + "{{else if eq (printf \"%v\" .Task.Slot) \"2\"}}18702{{end}}");
        assertThat(request.getLabels()).containsEntry("io.releaseledger.port-set", "b");
        assertThat(request.getContainerLabels()).doesNotContainKey("io.releaseledger.port-set");
        // the new set goes to maintenance before the update; no slot of it passed a gate, so none left maintenance;
        // after Swarm's rollback the old set serves
        assertThat(lb.calls).containsExactly("maint web-1-b", "maint web-2-b", "ready web-1", "ready web-2",
                "maint web-1-b", "maint web-2-b");
        assertThat(recorded).containsExactly(EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_FAILED,
                EventTypes.RELEASE_ROLLED_BACK);
    }

    /**
     * HAProxy counts a server that leaves maintenance UP before its first check (LeavingMaintenanceTest): the new
     * set's servers must stay in maintenance until their slot runs a task that passed the gate.
     */
    @Test
    void shouldPutEachServerOfTheNewSetInTheLoadBalancerOnlyOnceItsSlotPassedTheGate() throws Exception {
        List<com.sun.net.httpserver.HttpServer> servers = new ArrayList<>();
        try {
            List<Integer> secondPorts = new ArrayList<>();
            while (secondPorts.size() < 2) {
                com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
                int port = server.getAddress().getPort();
                if (secondPorts.stream().anyMatch(other -> Math.abs(other - port) == 100)) {
                    continue; // a port of one set would be the other set's port of another slot
                }
                server.createContext("/health", exchange -> {
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
                server.start();
                servers.add(server);
                secondPorts.add(port);
            }
            swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
            swarm.rolling = true;
            FakeBalancer lb = new FakeBalancer(List.of("web-1:" + (secondPorts.get(0) - 100), "web-2:"
                    + (secondPorts.get(1) - 100), "web-1-b:" + secondPorts.get(0), "web-2-b:" + secondPorts.get(1)),
                    swarm.order);
            LocalDeploymentExecutor executor = executor(twoSetsGatedOn(secondPorts), lb);

            executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type));

            // all four servers start ready, as after a reload of HAProxy: the new set's go to maintenance first
            assertThat(swarm.order).containsSubsequence("maint web-1-b", "maint web-2-b", "update",
                    "tasks: slot 1 new", "ready web-1-b",
                    "tasks: slots 1-2 new", "ready web-2-b", "maint web-1", "maint web-2");
            assertThat(swarm.order.subList(0, swarm.order.indexOf("tasks: slot 1 new")))
                    .noneMatch(call -> call.startsWith("ready"));
            assertThat(swarm.order.subList(0, swarm.order.indexOf("tasks: slots 1-2 new")))
                    .doesNotContain("ready web-2-b");
            assertThat(recorded).containsExactly(EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_SUCCEEDED);
        } finally {
            servers.forEach(server -> server.stop(0));
        }
    }

    /** A deploy that died after Swarm converged on the second set: its servers may still rest in maintenance. */
    @Test
    void shouldPutTheNewSetInTheLoadBalancerWhenAnInterruptedDeployIsReconciledAsSucceeded() {
        List<String> calls = reconcileOnTwoSetsFinding(swarm.service("1.1.0", NEW,
                SwarmService.UpdateState.COMPLETED, "b"));

        assertThat(calls).containsExactly("ready web-1-b", "ready web-2-b", "maint web-1", "maint web-2");
        assertThat(recorded).containsExactly(EventTypes.DEPLOYMENT_SUCCEEDED);
    }

    /** A deploy that died while Swarm rolled back by itself: the new set's servers may have been made ready. */
    @Test
    void shouldRetireTheNewSetWhenAnInterruptedDeployIsReconciledAfterSwarmRolledItBack() {
        List<String> calls = reconcileOnTwoSetsFinding(swarm.service("1.0.0", OLD,
                SwarmService.UpdateState.ROLLBACK_COMPLETED));

        assertThat(calls).containsExactly("ready web-1", "ready web-2", "maint web-1-b", "maint web-2-b");
        assertThat(recorded).containsExactly(EventTypes.DEPLOYMENT_FAILED, EventTypes.RELEASE_ROLLED_BACK);
        assertThat(swarm.rollbacks).isZero();
    }

    /** Plans a deploy of 1.1.0 from 1.0.0 on the first set, then reconciles it finding {@code now}: the LB's calls. */
    private List<String> reconcileOnTwoSetsFinding(final SwarmService now) {
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
        FakeBalancer lb = new FakeBalancer();
        LocalDeploymentExecutor executor = executor(twoSets(), lb);
        DeploymentPlan plan = plan(executor);
        swarm.service = now;
        executor.reconcile(plan, (type, env, data) -> recorded.add(type));
        return lb.calls;
    }

    @Test
    void shouldRestoreWhenSwarmPausedItsRollbackButEverySlotRunsThePreviousRelease() {
        // as measured: the rollback's task died on the port the old task still held, Swarm paused the rollback, and
        // its restart policy then ran the previous spec on every slot
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
        swarm.outcome = SwarmService.UpdateState.ROLLBACK_PAUSED;
        FakeBalancer lb = new FakeBalancer();
        LocalDeploymentExecutor executor = executor(twoSets(), lb);

        assertThatThrownBy(() -> executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type)))
                .hasMessageContaining("Swarm rolled the update of service shop-staging back")
                .hasMessageContaining("runs the previous release again");

        assertThat(lb.calls).contains("ready web-1", "ready web-2").endsWith("maint web-1-b", "maint web-2-b");
        assertThat(recorded).containsExactly(EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_FAILED,
                EventTypes.RELEASE_ROLLED_BACK);
    }

    @Test
    void shouldWaitForTheTasksSwarmStillStopsBeforeMovingToTheirPortSet() {
        // as seen on the real swarm: a deploy right after a start-first one found slot 2's replaced task still
        // stopping on the port the new task needed
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
        swarm.readsWhileStopping = 3;
        swarm.outcome = SwarmService.UpdateState.PAUSED; // what follows the update is not this test's matter
        LocalDeploymentExecutor executor = executor(twoSets(), new FakeBalancer());

        assertThatThrownBy(() -> executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type)))
                .hasMessageContaining("Swarm paused the update");

        assertThat(swarm.order).startsWith("stopping", "stopping", "stopping", "tasks", "update");
    }

    @Test
    void shouldRefuseTwoPortSetsWhenTheBackendLacksTheSecondSetsServersBeforeChangingAnything() {
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
        FakeBalancer lb = new FakeBalancer();
        lb.servers.remove("web-2-b");
        lb.servers.put("web-1-b", new ServerState("web-1-b", "127.0.0.1", 18999, AdminState.MAINT,
                OperationalState.DOWN, 0, "", ""));
        LocalDeploymentExecutor executor = executor(twoSets(), lb);

        assertThatThrownBy(() -> executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type)))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("HAProxy backend shop lacks what two port sets need (swarm.portOffset 100)")
                .hasMessageContaining("server web-1-b 127.0.0.1:18701 check (it has port 18999); "
                        + "server web-2-b 127.0.0.1:18702 check")
                .hasMessageContaining("Nothing was changed.");

        assertThat(swarm.requests).isEmpty();
        assertThat(lb.calls).isEmpty();
    }

    @Test
    void shouldHandTheRegistryLoginToTheServiceUpdate() {
        swarm.service = swarm.service("1.0.0", OLD, SwarmService.UpdateState.COMPLETED);
        swarm.outcome = SwarmService.UpdateState.PAUSED;
        LocalDeploymentExecutor executor = executor().setRegistryCredentials(RegistryCredentials.of("ci", "s3cret"));

        assertThatThrownBy(() -> executor.execute(plan(executor), "lock", (type, env, data) -> recorded.add(type)))
                .hasMessageNotContaining("s3cret");

        assertThat(swarm.requests.get(0).getRegistryCredentials()).isEqualTo(RegistryCredentials.of("ci", "s3cret"));
    }

    /** HAProxy's backend with both sets' servers, all up; records what the deploy asks of it. */
    private static final class FakeBalancer implements LoadBalancer {
        final Map<String, ServerState> servers = new java.util.LinkedHashMap<>();
        final List<String> calls;

        FakeBalancer() {
            this(List.of("web-1:18601", "web-2:18602", "web-1-b:18701", "web-2-b:18702"), new ArrayList<>());
        }

        /** @param calls where the calls are written, e.g. beside the manager's */
        FakeBalancer(final List<String> serverPorts, final List<String> calls) {
            this.calls = calls;
            for (String name : serverPorts) {
                String[] parts = name.split(":");
                servers.put(parts[0], new ServerState(parts[0], "127.0.0.1", Integer.parseInt(parts[1]),
                        AdminState.READY, OperationalState.UP, 0, "L7OK", ""));
            }
        }

        @Override
        public List<ServerState> servers(final String backend) {
            return List.copyOf(servers.values());
        }

        @Override
        public void drain(final String backend, final String server) {
            calls.add("drain " + server);
        }

        @Override
        public void ready(final String backend, final String server) {
            calls.add("ready " + server);
        }

        @Override
        public void maintenance(final String backend, final String server) {
            calls.add("maint " + server);
        }

        @Override
        public int currentSessions(final String backend, final String server) {
            return 0;
        }

        @Override
        public DrainResult waitUntilDrained(final String backend, final String server, final Duration timeout) {
            throw new AssertionError("not drained here");
        }

        @Override
        public void setAddress(final String backend, final String server, final String host, final int port) {
            throw new AssertionError("the servers keep their addresses");
        }

        @Override
        public void close() {
        }
    }

    /** A manager whose update ends as {@link #outcome} says; its rollback puts the previous image back. */
    private static final class FakeSwarm implements SwarmEngine {
        SwarmService service;
        SwarmService.UpdateState outcome = SwarmService.UpdateState.COMPLETED;
        final List<SwarmServiceRequest> requests = new ArrayList<>();
        int rollbacks;
        int replicas = 2;
        /**
         * The update rolls over like Swarm's: every read of the tasks finds one more slot on the new image (Swarm does
         * not wait for Release Ledger), and the read after the last slot finds the update completed.
         */
        boolean rolling;
        /** Slots the rolling update replaced. */
        int replaced;
        /** The rolling update's tasks have no container yet. */
        boolean withoutContainers;
        /** Once a slot was replaced: after this many more reads of the service Swarm has rolled back itself. */
        int readsUntilSwarmRollsBack = -1;

        SwarmService service(final String version, final String digest, final SwarmService.UpdateState state) {
            return service(version, digest, state, null);
        }

        SwarmService service(final String version, final String digest, final SwarmService.UpdateState state,
                final String portSet) {
            Map<String, String> labels = new HashMap<>(Map.of(Labels.VERSION, version, Labels.DIGEST, digest));
            if (portSet != null) {
                labels.put(SwarmPortSet.LABEL, portSet);
            }
            return new SwarmService("id-1", "shop-staging", requests.size() + rollbacks, REPOSITORY + "@" + digest,
                    labels, replicas, state,
                    state == SwarmService.UpdateState.PAUSED ? "update paused due to failure" : "rollback completed");
        }

        @Override
        public Optional<SwarmService> inspect(final String name) {
            if (rolling && replaced > 0 && readsUntilSwarmRollsBack > 0 && --readsUntilSwarmRollsBack == 0) {
                rolling = false;
                service = service("1.0.0", OLD, SwarmService.UpdateState.ROLLBACK_COMPLETED);
            }
            return Optional.ofNullable(service);
        }

        @Override
        public String create(final SwarmServiceRequest request) {
            throw new AssertionError("the service exists");
        }

        @Override
        public void update(final SwarmService current, final SwarmServiceRequest request) {
            requests.add(request);
            order.add("update");
            if (rolling) {
                service = service("1.1.0", NEW, SwarmService.UpdateState.UPDATING);
                return;
            }
            boolean back = outcome == SwarmService.UpdateState.ROLLBACK_COMPLETED
                    || outcome == SwarmService.UpdateState.ROLLBACK_PAUSED;
            service = service(back ? "1.0.0" : "1.1.0", back ? OLD : NEW, outcome);
        }

        @Override
        public void rollback(final SwarmService current) {
            if (readsUntilSwarmRollsBack == 0) {
                throw new io.releaseledger.docker.ContainerEngineException("service shop-staging does not have a "
                        + "previous spec");
            }
            rollbacks++;
            rolling = false;
            service = service("1.0.0", OLD, SwarmService.UpdateState.ROLLBACK_COMPLETED);
        }

        /** How many more reads of the tasks still show a replaced task stopping, and when the update came. */
        int readsWhileStopping;
        final List<String> order = new ArrayList<>();

        @Override
        public List<SwarmTask> tasks(final String serviceId) {
            if (rolling && !requests.isEmpty()) {
                if (replaced == replicas) {
                    service = service("1.1.0", NEW, SwarmService.UpdateState.COMPLETED);
                } else {
                    replaced++;
                }
                order.add(replaced == 1 ? "tasks: slot 1 new" : "tasks: slots 1-" + replaced + " new");
                List<SwarmTask> tasks = new ArrayList<>();
                for (int slot = 1; slot <= replicas; slot++) {
                    boolean updated = slot <= replaced;
                    tasks.add(new SwarmTask((updated ? "n" : "o") + slot, slot, REPOSITORY + "@" + (updated ? NEW : OLD),
                            "running", "running", withoutContainers ? null : "c" + slot, null));
                }
                return tasks;
            }
            if (replicas != 2) {
                List<SwarmTask> tasks = new ArrayList<>();
                for (int slot = 1; slot <= replicas; slot++) {
                    tasks.add(new SwarmTask("t" + slot, slot, service.getImage(), "running", "running", "c" + slot,
                            null));
                }
                return tasks;
            }
            List<SwarmTask> tasks = new ArrayList<>(List.of(
                    new SwarmTask("t1", 1, service.getImage(), "running", "running", "c1", null),
                    new SwarmTask("t2", 2, service.getImage(), "running", "running", "c2", null)));
            if (readsWhileStopping > 0) {
                readsWhileStopping--;
                tasks.add(new SwarmTask("t0", 2, REPOSITORY + "@" + OLD, "running", "shutdown", "c0", null));
                order.add("stopping");
            } else {
                order.add("tasks");
            }
            return tasks;
        }

        @Override
        public void remove(final String name) {
            service = null;
        }

        @Override
        public void close() {
        }
    }
}
