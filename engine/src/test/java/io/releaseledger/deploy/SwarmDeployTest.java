package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ledger.EventTypes;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A swarm environment end to end on the real single-node swarm: the service is created, updated under load through
 * HAProxy, promoted to a second swarm environment, rolled back by hand; an update Swarm rolls back and one that
 * fails the health gate end as failures with the previous release running.
 */
@RequiresRealComponent({Component.DOCKER, Component.SWARM, Component.REGISTRY, Component.HAPROXY})
class SwarmDeployTest {
    @TempDir
    Path temp;

    private SwarmFixture world;

    @BeforeEach
    void startWorld() throws Exception {
        world = new SwarmFixture(temp);
    }

    @AfterEach
    void removeWorld() {
        world.close();
    }

    @Test
    void shouldUpdateTheServiceUnderLoadWithoutLosingARequestThenPromoteAndRollBack() throws Exception {
        world.stagingCommand = SwarmFixture.GRACEFUL;
        DeploymentResult first = world.deploy("staging", TestApp.V1).call();

        assertThat(first.getPlan().getStrategy()).isEqualTo("swarm");
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V1, TestApp.V1);
        assertThat(SwarmFixture.serviceImage(SwarmFixture.STAGING_SERVICE))
                .isEqualTo(TestApp.REPOSITORY + "@" + TestApp.digest(TestApp.V1));
        world.haproxy.awaitAllServing();

        LoadLoop load = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        world.deploy("staging", TestApp.V2).call();
        load.awaitRequests(load.requests() + 200).stop();

        System.out.println("Swarm update (2 replicas, stop-first, parallelism 1, graceful stop) under load: " + load);
        assertThat(load.failures()).as("%s; %s", load, world.haproxy.account()).isZero();
        assertThat(load.versions()).containsKeys(TestApp.V1, TestApp.V2);
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V2, TestApp.V2);
        assertThat(SwarmFixture.updateState(SwarmFixture.STAGING_SERVICE)).isEqualTo("completed");
        assertThat(world.haproxy.servers()).allMatch(ServerState::isServing);
        assertThat(world.eventTypes("staging")).containsSubsequence(EventTypes.DEPLOYMENT_STARTED,
                EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_SUCCEEDED, EventTypes.DEPLOYMENT_STARTED,
                EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_SUCCEEDED);
        assertThat(world.events("staging", EventTypes.CHECK_RECORDED)).last()
                .satisfies(data -> assertThat(data).containsEntry("passed", true));

        world.promote().call();

        assertThat(world.versions(world.productionPorts)).containsExactly(TestApp.V2, TestApp.V2);
        assertThat(SwarmFixture.serviceImage(SwarmFixture.PRODUCTION_SERVICE))
                .isEqualTo(TestApp.REPOSITORY + "@" + TestApp.digest(TestApp.V2));
        assertThat(world.events("production", EventTypes.RELEASE_PROMOTED)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("version", TestApp.V2)
                        .containsEntry("from", "staging"));

        world.rollback("staging", "checkout broken").call();

        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V1, TestApp.V1);
        assertThat(world.events("staging", EventTypes.RELEASE_ROLLED_BACK)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("from", TestApp.V2)
                        .containsEntry("to", TestApp.V1).containsEntry("automatic", false));
    }

    @Test
    void shouldLoseOnlyRequestsInFlightWhenTheTasksStopAtOnce() throws Exception {
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitAllServing();

        LoadLoop load = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        world.deploy("staging", TestApp.V2).call();
        load.awaitRequests(load.requests() + 200).stop();

        // Swarm stops a task without draining it: what the task was answering at SIGTERM is cut off. A request
        // HAProxy sends afterwards to the dead port is retried on the other server, so no failure is a status.
        System.out.println("Swarm update (2 replicas, stop-first, parallelism 1, abrupt stop) under load: " + load);
        assertThat(load.failureSamples()).as("%s; %s", load, world.haproxy.account())
                .noneMatch(failure -> failure.startsWith("status "));
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V2, TestApp.V2);
    }

    /**
     * Two port sets (+1000) and the graceful application: the update to V2 runs stop-first (to the second set), the
     * update to V3 start-first (back to the first set), each under the same load; then the ledger's rollback to V2
     * goes to the second set again. Both sets' HAProxy servers exist; the set no task listens on rests in MAINT.
     */
    @Test
    void shouldUpdateStartFirstOnTwoPortSetsUnderLoadBesideStopFirst() throws Exception {
        world.close();
        world = new SwarmFixture(temp.resolve("two-sets"), 1000);
        world.stagingCommand = SwarmFixture.GRACEFUL;
        world.stagingSwarm = "{timeout: 90s, portOffset: 1000, update: {monitor: 2s}, rollback: {monitor: 1s}}";
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitServing("local-1", "local-2");
        assertThat(SwarmFixture.portSet(SwarmFixture.STAGING_SERVICE)).isEqualTo("a");

        LoadLoop stopFirst = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        world.deploy("staging", TestApp.V2).call();
        stopFirst.awaitRequests(stopFirst.requests() + 200).stop();

        assertThat(SwarmFixture.portSet(SwarmFixture.STAGING_SERVICE)).isEqualTo("b");
        assertThat(world.versions(world.stagingSecondPorts)).containsExactly(TestApp.V2, TestApp.V2);
        assertThat(serving()).containsExactly("local-1-b", "local-2-b");

        world.stagingSwarm = "{timeout: 90s, portOffset: 1000, update: {order: start-first, monitor: 2s}, "
                + "rollback: {monitor: 1s}}";
        LoadLoop startFirst = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        world.deploy("staging", TestApp.V3).call();
        startFirst.awaitRequests(startFirst.requests() + 200).stop();

        System.out.println("Swarm update on two port sets (2 replicas, parallelism 1, graceful stop) under load: "
                + "stop-first " + stopFirst + "; start-first " + startFirst);
        assertThat(stopFirst.failures()).as("stop-first %s; %s", stopFirst, world.haproxy.account()).isZero();
        assertThat(startFirst.failures()).as("start-first %s; %s", startFirst, world.haproxy.account()).isZero();
        assertThat(startFirst.versions()).containsKeys(TestApp.V2, TestApp.V3);
        assertThat(SwarmFixture.portSet(SwarmFixture.STAGING_SERVICE)).isEqualTo("a");
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V3, TestApp.V3);
        assertThat(serving()).containsExactly("local-1", "local-2");
        assertThat(world.haproxy.servers()).filteredOn(s -> s.getName().endsWith("-b"))
                .allMatch(s -> s.getAdminState() == io.releaseledger.loadbalancer.AdminState.MAINT);
        assertThat(world.events("staging", EventTypes.DEPLOYMENT_STARTED)).last()
                .satisfies(data -> assertThat(data.get("plan").toString()).contains("local-1")
                        .doesNotContain("local-1-b"));

        world.rollback("staging", "checkout broken").call();

        assertThat(SwarmFixture.portSet(SwarmFixture.STAGING_SERVICE)).isEqualTo("b");
        assertThat(world.versions(world.stagingSecondPorts)).containsExactly(TestApp.V2, TestApp.V2);
        assertThat(serving()).containsExactly("local-1-b", "local-2-b");
    }

    /**
     * The test image ends at once on SIGTERM: what a task answers when Swarm stops it is cut off, start-first or
     * not; a request sent to a stopped port is retried on another server, so no failure is a status. Prints both.
     */
    @Test
    void shouldLoseOnlyRequestsInFlightOnTwoPortSetsWhenTheTasksStopAtOnce() throws Exception {
        world.close();
        world = new SwarmFixture(temp.resolve("two-sets-abrupt"), 1000);
        world.stagingSwarm = "{timeout: 90s, portOffset: 1000, update: {monitor: 2s}}";
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitServing("local-1", "local-2");

        LoadLoop stopFirst = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        world.deploy("staging", TestApp.V2).call();
        stopFirst.awaitRequests(stopFirst.requests() + 200).stop();
        world.stagingSwarm = "{timeout: 90s, portOffset: 1000, update: {order: start-first, monitor: 2s}}";
        LoadLoop startFirst = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        BackendSampler backend = new BackendSampler(world.haproxy).start();
        world.deploy("staging", TestApp.V3).call();
        startFirst.awaitRequests(startFirst.requests() + 200).stop();
        backend.stop();

        System.out.println("Swarm update on two port sets (2 replicas, parallelism 1, abrupt stop) under load: "
                + "stop-first " + stopFirst + "; start-first " + startFirst + "; start-first's backend: " + backend);
        assertThat(stopFirst.failureSamples()).as("stop-first: %s; %s", stopFirst, world.haproxy.account())
                .noneMatch(failure -> failure.startsWith("status "));
        assertThat(startFirst.failureSamples()).as("start-first: %s; %s; deploy messages: %s; %s", startFirst,
                backend, world.messages.getAll(), world.haproxy.account())
                .noneMatch(failure -> failure.startsWith("status "));
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V3, TestApp.V3);
    }

    /**
     * One replica on two port sets, start-first, the graceful application: no other slot covers the time between
     * Swarm stopping the old task and the new set's server leaving maintenance once its task passed the gate, so this
     * is where admitting the new task late would lose requests.
     */
    @Test
    void shouldServeEveryRequestThroughStartFirstUpdatesOfOneReplicaOnTwoPortSets() throws Exception {
        world.close();
        world = new SwarmFixture(temp.resolve("one-replica"), 1000, 1);
        world.stagingCommand = SwarmFixture.GRACEFUL;
        world.stagingSwarm = "{timeout: 90s, portOffset: 1000, update: {order: start-first, monitor: 2s}, "
                + "rollback: {monitor: 1s}}";
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitServing("local-1");

        LoadLoop toSecondSet = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        world.deploy("staging", TestApp.V2).call();
        toSecondSet.awaitRequests(toSecondSet.requests() + 200).stop();
        assertThat(SwarmFixture.portSet(SwarmFixture.STAGING_SERVICE)).isEqualTo("b");

        LoadLoop back = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        world.deploy("staging", TestApp.V3).call();
        back.awaitRequests(back.requests() + 200).stop();

        System.out.println("Swarm update on two port sets (1 replica, start-first, graceful stop) under load: to the "
                + "second set " + toSecondSet + "; back to the first " + back);
        assertThat(toSecondSet.failures()).as("to the second set %s; %s", toSecondSet, world.haproxy.account())
                .isZero();
        assertThat(back.failures()).as("back to the first set %s; %s", back, world.haproxy.account()).isZero();
        assertThat(toSecondSet.versions()).containsKeys(TestApp.V1, TestApp.V2);
        assertThat(back.versions()).containsKeys(TestApp.V2, TestApp.V3);
        assertThat(SwarmFixture.portSet(SwarmFixture.STAGING_SERVICE)).isEqualTo("a");
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V3);
        assertThat(world.haproxy.servers()).filteredOn(s -> s.getName().equals("local-1-b"))
                .allMatch(s -> s.getAdminState() == io.releaseledger.loadbalancer.AdminState.MAINT);
    }

    /**
     * Swarm's own rollback of a start-first update puts the previous spec back with its port set's label; the
     * rollback itself runs stop-first (the descriptor refuses a start-first rollback, see docs/swarm.md).
     */
    @Test
    void shouldServeFromThePreviousPortSetWhenSwarmRollsAStartFirstUpdateBack() throws Exception {
        world.close();
        world = new SwarmFixture(temp.resolve("two-sets-rollback"), 1000);
        world.stagingSwarm = "{timeout: 90s, portOffset: 1000, update: {order: start-first, monitor: 2s}, "
                + "rollback: {monitor: 1s}}";
        world.deploy("staging", TestApp.V1).call();

        assertThatThrownBy(() -> world.deploy("staging", TestApp.EXITS).call())
                .as("%s", world.messages.getAll()).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Swarm rolled the update of service " + SwarmFixture.STAGING_SERVICE + " back")
                .hasMessageContaining("runs the previous release again");

        // Swarm may pause its rollback when a task of the previous spec dies on the port the old task still holds
        // (docs/swarm.md); its restart policy then runs the previous spec on every slot all the same
        assertThat(SwarmFixture.updateState(SwarmFixture.STAGING_SERVICE)).isIn("rollback_completed",
                "rollback_paused");
        assertThat(SwarmFixture.portSet(SwarmFixture.STAGING_SERVICE)).isEqualTo("a");
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V1, TestApp.V1);
        assertThat(serving()).containsExactly("local-1", "local-2");
        assertThat(world.haproxy.servers()).filteredOn(s -> s.getName().endsWith("-b"))
                .allMatch(s -> s.getAdminState() == io.releaseledger.loadbalancer.AdminState.MAINT);
        assertThat(world.events("staging", EventTypes.DEPLOYMENT_FAILED)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("version", TestApp.EXITS));
        assertThat(world.events("staging", EventTypes.RELEASE_ROLLED_BACK)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("from", TestApp.EXITS)
                        .containsEntry("to", TestApp.V1).containsEntry("automatic", true));

        world.deploy("staging", TestApp.V2).call();

        assertThat(SwarmFixture.portSet(SwarmFixture.STAGING_SERVICE)).isEqualTo("b");
        assertThat(world.versions(world.stagingSecondPorts)).containsExactly(TestApp.V2, TestApp.V2);
    }

    private java.util.List<String> serving() {
        return world.haproxy.servers().stream().filter(ServerState::isServing).map(ServerState::getName).toList();
    }

    @Test
    void shouldRecordAnUpdateSwarmRolledBackAsAFailure() {
        world.deploy("staging", TestApp.V1).call();

        assertThatThrownBy(() -> world.deploy("staging", TestApp.EXITS).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Swarm rolled the update of service " + SwarmFixture.STAGING_SERVICE + " back")
                .hasMessageContaining("runs the previous release again");

        assertThat(SwarmFixture.updateState(SwarmFixture.STAGING_SERVICE)).isEqualTo("rollback_completed");
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V1, TestApp.V1);
        assertThat(world.events("staging", EventTypes.DEPLOYMENT_FAILED)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("version", TestApp.EXITS));
        assertThat(world.events("staging", EventTypes.RELEASE_ROLLED_BACK)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("from", TestApp.EXITS)
                        .containsEntry("to", TestApp.V1).containsEntry("automatic", true));
    }

    @Test
    void shouldRollBackThroughSwarmWhenTheHealthGateFails() {
        world.deploy("staging", TestApp.V1).call();

        assertThatThrownBy(() -> world.deploy("staging", TestApp.UNHEALTHY).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("the health gate failed")
                .hasMessageContaining("runs the previous release again");

        assertThat(SwarmFixture.serviceImage(SwarmFixture.STAGING_SERVICE))
                .isEqualTo(TestApp.REPOSITORY + "@" + TestApp.digest(TestApp.V1));
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V1, TestApp.V1);
        assertThat(world.events("staging", EventTypes.CHECK_RECORDED)).last()
                .satisfies(data -> assertThat(data).containsEntry("passed", false));
        assertThat(world.events("staging", EventTypes.RELEASE_ROLLED_BACK)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("to", TestApp.V1).containsEntry("automatic", true));
    }

    /**
     * Three replicas, parallelism 1, stop-first, the graceful application, load through HAProxy: a release whose
     * /health answers 404 fails the gate on the first slot Swarm replaced, Swarm is asked to roll back before it
     * replaces another, and HAProxy's backend keeps a server up throughout (sampled from its runtime API).
     */
    @Test
    void shouldReplaceOneSlotAtMostWithAReleaseThatFailsTheHealthGateWhileTheBackendKeepsServing() throws Exception {
        world.close();
        world = new SwarmFixture(temp.resolve("three-slots"), 0, 3);
        world.stagingCommand = SwarmFixture.GRACEFUL;
        world.stagingSwarm = "{timeout: 120s, update: {parallelism: 1, order: stop-first, monitor: 2s}, "
                + "rollback: {monitor: 1s}}";
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitServing("local-1", "local-2", "local-3");

        LoadLoop load = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        BackendSampler backend = new BackendSampler(world.haproxy).start();
        assertThatThrownBy(() -> world.deploy("staging", TestApp.UNHEALTHY).call())
                .as("%s", world.messages.getAll()).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("the health gate failed")
                .hasMessageContaining("runs the previous release again");
        int servedDuringDeploy = load.versions().get(TestApp.V1).get();
        backend.stop();
        load.awaitRequests(load.requests() + 200).stop();

        System.out.println("Swarm update to a release failing the health gate (3 replicas, stop-first, parallelism 1,"
                + " graceful stop) under load: " + load + "; served until the deploy failed: " + servedDuringDeploy
                + "; HAProxy " + backend);
        world.messages.getAll().forEach(message -> System.out.println("  " + message));
        String broken = TestApp.REPOSITORY + "@" + TestApp.digest(TestApp.UNHEALTHY);
        assertThat(SwarmFixture.slotsThatRan(SwarmFixture.STAGING_SERVICE, broken)).as("slots that ran the broken "
                + "release").hasSizeLessThanOrEqualTo(1);
        assertThat(backend.samples()).isPositive();
        assertThat(backend.samplesWithoutServer()).as("samples of show stat without a server UP: %s", backend)
                .isZero();
        assertThat(servedDuringDeploy).isPositive();
        assertThat(load.failureSamples()).as("%s; %s", load, world.haproxy.account())
                .noneMatch(failure -> failure.startsWith("status "));
        assertThat(SwarmFixture.serviceImage(SwarmFixture.STAGING_SERVICE))
                .isEqualTo(TestApp.REPOSITORY + "@" + TestApp.digest(TestApp.V1));
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V1, TestApp.V1, TestApp.V1);
        assertThat(world.messages.getAll()).extracting(io.releaseledger.report.Message::getText)
                .anyMatch(text -> text.contains("slot ") && text.contains(" of 3 runs " + TestApp.UNHEALTHY
                        + " and failed the health gate"));
        assertThat(world.events("staging", EventTypes.DEPLOYMENT_FAILED)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("version", TestApp.UNHEALTHY));
        assertThat(world.events("staging", EventTypes.RELEASE_ROLLED_BACK)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("from", TestApp.UNHEALTHY)
                        .containsEntry("to", TestApp.V1).containsEntry("automatic", true));
    }

    /** Reads the backend's servers (HAProxy's {@code show servers state} and {@code show stat}) every 50 ms. */
    private static final class BackendSampler {
        private final DeployHaproxy haproxy;
        private final Thread thread = new Thread(this::run, "backend-sampler");
        private final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicInteger samples = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger withoutServer =
                new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger leastUp =
                new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);
        // the first samples without a server UP, with when they were taken: what a failure needs to be understood
        private final java.util.List<String> withoutServerSamples =
                java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private final long started = System.nanoTime();

        BackendSampler(final DeployHaproxy haproxy) {
            this.haproxy = haproxy;
            thread.setDaemon(true);
        }

        BackendSampler start() {
            thread.start();
            return this;
        }

        private void run() {
            while (!stop.get()) {
                java.util.List<ServerState> servers = haproxy.servers();
                int up = (int) servers.stream().filter(ServerState::isServing).count();
                samples.incrementAndGet();
                leastUp.accumulateAndGet(up, Math::min);
                if (up == 0) {
                    withoutServer.incrementAndGet();
                    if (withoutServerSamples.size() < 5) {
                        withoutServerSamples.add((System.nanoTime() - started) / 1_000_000 + " ms: " + servers);
                    }
                }
                DeployHaproxy.sleep(50);
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(5_000);
        }

        int samples() {
            return samples.get();
        }

        int samplesWithoutServer() {
            return withoutServer.get();
        }

        @Override
        public String toString() {
            return samples + " samples of the backend, fewest servers UP " + leastUp + ", samples without one "
                    + withoutServer + (withoutServerSamples.isEmpty() ? "" : " " + withoutServerSamples);
        }
    }

    @Test
    void shouldDeployAndFailThroughTheAgentProtocolAsTheJenkinsStepDoes() {
        ProtocolExecutor agent = new ProtocolExecutor(world.descriptorYaml(), temp, Map.of(), Map.of());
        TestApp.digest(TestApp.V1);
        new DeployCommand(world.descriptor(), "staging", TestApp.V1, world.ledger, agent)
                .setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN).setMessages(world.messages)
                .setLockTimeout(Duration.ZERO).call();

        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V1, TestApp.V1);
        assertThat(agent.wire.get(0)).contains("\"strategy\":\"swarm\"")
                .contains("\"container\":\"" + SwarmFixture.STAGING_SERVICE + ".2\"");

        TestApp.digest(TestApp.EXITS);
        assertThatThrownBy(() -> new DeployCommand(world.descriptor(), "staging", TestApp.EXITS, world.ledger,
                agent).setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN).setMessages(world.messages)
                .setLockTimeout(Duration.ZERO).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Swarm rolled the update of service " + SwarmFixture.STAGING_SERVICE + " back");

        assertThat(world.eventTypes("staging")).endsWith(EventTypes.DEPLOYMENT_STARTED, EventTypes.CHECK_RECORDED,
                EventTypes.DEPLOYMENT_FAILED, EventTypes.RELEASE_ROLLED_BACK, EventTypes.ENVIRONMENT_UNLOCKED);
        assertThat(world.versions(world.stagingPorts)).containsExactly(TestApp.V1, TestApp.V1);
    }
}
