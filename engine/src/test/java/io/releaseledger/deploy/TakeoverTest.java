package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.LockResult;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.loadbalancer.haproxy.HaproxyLoadBalancer;
import io.releaseledger.report.Message;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deploy whose process died holding the environment's lock: the next deploy takes over and reconciles first. */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY, Component.HAPROXY})
class TakeoverTest {
    @TempDir
    Path temp;

    private DeployFixture world;

    @BeforeEach
    void startWorld() throws Exception {
        world = new DeployFixture(temp);
    }

    @AfterEach
    void removeWorld() {
        world.close();
    }

    @Test
    void shouldTakeOverFromADeployKilledWithSigkillMidCycleWithoutAFailedRequest() throws Exception {
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitAllServing();
        TestApp.digest(TestApp.V2);
        Path descriptor = temp.resolve("release-ledger.yaml");
        Files.writeString(descriptor, world.descriptorYaml(), StandardCharsets.UTF_8);
        Path output = temp.resolve("deploy-process.log");
        LoadLoop load = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);
        Process deploy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DeployProcessMain.class.getName(),
                temp.resolve("ledger").toString(), descriptor.toString(), "staging", TestApp.V2, "2")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(output).contains("MID-CYCLE")) {
                assertThat(deploy.isAlive()).as("the deploy process runs: %s", Files.readString(output)).isTrue();
                assertThat(System.nanoTime()).as("MID-CYCLE within 60 s: %s", Files.readString(output))
                        .isLessThan(deadline);
                DeployHaproxy.sleep(50);
            }
        } finally {
            deploy.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(world.stagingVersions().get(0)).as("instance 1 was replaced before the kill").isEqualTo(TestApp.V2);
        assertThat(world.haproxy.servers().get(1).isServing()).as("server 2 was out at the kill").isFalse();

        world.deploy("staging", TestApp.V2).call();
        load.awaitRequests(load.requests() + 200).stop();

        System.out.println("SIGKILL mid-cycle and takeover under load: " + load);
        assertThat(load.failures()).as("%s; %s", load, world.haproxy.account()).isZero();
        assertThat(world.messages.getAll()).extracting(Message::getText)
                .anyMatch(line -> line.contains("taking over the lock") && line.contains("is no longer running"))
                .anyMatch(line -> line.startsWith("Reconciled staging: 1 instance put back on the previous release"));
        assertThat(world.stagingVersions()).containsExactly(TestApp.V2, TestApp.V2, TestApp.V2);
        assertThat(world.haproxy.servers()).allMatch(ServerState::isServing);
        assertThat(world.events("staging", EventTypes.DEPLOYMENT_FAILED)).singleElement()
                .satisfies(data -> assertThat((String) data.get("reason")).startsWith("interrupted"));
        assertThat(world.current("staging")).containsEntry("version", TestApp.V2);
    }

    @Test
    void shouldReconcileAHalfDoneCycleRecordedByADeadDeploy() throws Exception {
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitAllServing();
        // A deploy of 1.1.0 whose process died after draining the first server and removing its container.
        LockResult dead = world.ledger.lock("staging", TestApp.V2,
                "deploy 1.1.0 (pid 2147483000 on " + EnvironmentLock.localHost() + ")", DeployFixture.ALICE,
                DeployFixture.ORIGIN);
        DeploymentPlan interrupted = world.executor().plan(new PlanRequest("staging", TestApp.V2));
        new LedgerDeploymentRecorder(world.ledger, DeployFixture.ALICE, DeployFixture.ORIGIN).record(
                EventTypes.DEPLOYMENT_STARTED, "staging", DeploymentEvents.started(interrupted, dead.getLockId()));
        try (HaproxyLoadBalancer lb = HaproxyLoadBalancer.overUnixSocket(world.haproxy.adminSocket())) {
            lb.drain(DeployHaproxy.BACKEND, "local-1");
        }
        world.docker.remove(TestApp.APPLICATION + "-staging-1");

        world.deploy("staging", TestApp.V2).call();

        assertThat(world.messages.getAll()).extracting(Message::getText)
                .anyMatch(line -> line.contains("taking over the lock"))
                .anyMatch(line -> line.startsWith("Reconciled staging: 1 instance put back on the previous release"));
        assertThat(world.stagingVersions()).containsExactly(TestApp.V2, TestApp.V2, TestApp.V2);
        world.haproxy.awaitAllServing();
        List<Map<String, Object>> failed = world.events("staging", EventTypes.DEPLOYMENT_FAILED);
        assertThat(failed).singleElement().satisfies(data -> assertThat(data)
                .containsEntry("deploymentId", interrupted.getDeploymentId()));
        assertThat(world.events("staging", EventTypes.RELEASE_ROLLED_BACK)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("automatic", true).containsEntry("to", TestApp.V1));
        assertThat(world.current("staging")).containsEntry("version", TestApp.V2);
    }

    @Test
    void shouldRecordNoRestoreButAFailureNamingWhatIsLeftWhenAServerStaysDown() throws Exception {
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitAllServing();
        LockResult dead = world.ledger.lock("staging", TestApp.V2,
                "deploy 1.1.0 (pid 2147483000 on " + EnvironmentLock.localHost() + ")", DeployFixture.ALICE,
                DeployFixture.ORIGIN);
        DeploymentPlan interrupted = world.executor().plan(new PlanRequest("staging", TestApp.V2));
        new LedgerDeploymentRecorder(world.ledger, DeployFixture.ALICE, DeployFixture.ORIGIN).record(
                EventTypes.DEPLOYMENT_STARTED, "staging", DeploymentEvents.started(interrupted, dead.getLockId()));
        world.docker.remove(TestApp.APPLICATION + "-staging-1");
        // Server 2 fails its checks whatever the restore does (as one did after a stop raced the reconcile).
        try (HaproxyLoadBalancer lb = HaproxyLoadBalancer.overUnixSocket(world.haproxy.adminSocket())) {
            lb.setAddress(DeployHaproxy.BACKEND, "local-2", "127.0.0.1", FreePorts.next());
        }

        DeploymentException failure = org.junit.jupiter.api.Assertions.assertThrows(DeploymentException.class,
                () -> world.deploy("staging", TestApp.V2).call());

        assertThat(failure.getMessage()).contains("Reconciling staging after the interrupted deploy of " + TestApp.V2
                + " did not complete").contains("left: server " + DeployHaproxy.BACKEND + "/local-2 is READY/DOWN");
        assertThat(world.events("staging", EventTypes.RELEASE_ROLLED_BACK)).as("nothing was restored").isEmpty();
        assertThat(world.events("staging", EventTypes.DEPLOYMENT_FAILED)).singleElement().satisfies(data -> assertThat(
                (String) data.get("reason")).contains("restore of the previous release did not complete")
                .contains("local-2"));
        assertThat(world.eventTypes("staging")).as("the lock is released").endsWith(EventTypes.ENVIRONMENT_UNLOCKED);
        assertThat(world.stagingVersions().get(0)).as("instance 1 runs the previous release again")
                .isEqualTo(TestApp.V1);
    }

    @Test
    void shouldReconcileADeployWhoseLockAnAdministratorReleasedBeforeTheNextDeployPlans() throws Exception {
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitAllServing();
        // A live controller's deploy lost its outcome and kept its lock; an administrator released it by force.
        LockResult stuck = world.ledger.lock("staging", TestApp.V2, EnvironmentLock.purpose("deploy 1.1.0"),
                DeployFixture.ALICE, DeployFixture.ORIGIN);
        DeploymentPlan interrupted = world.executor().plan(new PlanRequest("staging", TestApp.V2));
        new LedgerDeploymentRecorder(world.ledger, DeployFixture.ALICE, DeployFixture.ORIGIN).record(
                EventTypes.DEPLOYMENT_STARTED, "staging", DeploymentEvents.started(interrupted, stuck.getLockId()));
        try (HaproxyLoadBalancer lb = HaproxyLoadBalancer.overUnixSocket(world.haproxy.adminSocket())) {
            lb.drain(DeployHaproxy.BACKEND, "local-1");
        }
        world.docker.remove(TestApp.APPLICATION + "-staging-1");
        String done = new UnlockCommand(world.ledger, "staging", "the deploy was aborted and kept its lock").call();
        assertThat(done).startsWith("Unlocked staging");

        world.deploy("staging", TestApp.V2).call();

        assertThat(world.messages.getAll()).extracting(Message::getText)
                .anyMatch(line -> line.startsWith("Environment staging: reconciling the unfinished"))
                .anyMatch(line -> line.startsWith("Reconciled staging: 1 instance put back on the previous release"));
        assertThat(world.events("staging", EventTypes.DEPLOYMENT_FAILED)).singleElement().satisfies(data ->
                assertThat(data).containsEntry("deploymentId", interrupted.getDeploymentId()));
        assertThat(world.stagingVersions()).containsExactly(TestApp.V2, TestApp.V2, TestApp.V2);
        assertThat(world.current("staging")).containsEntry("version", TestApp.V2);
    }

    @Test
    void shouldReconcileWithoutDeployingForAStepResumedAfterItsControllerRestarted() throws Exception {
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitAllServing();
        // The lock of the controller process that ended: same pid as this one, another process identity.
        LockResult dead = world.ledger.lock("staging", TestApp.V2, "deploy 1.1.0 (pid " + ProcessHandle.current().pid()
                + " on " + EnvironmentLock.localHost() + ", process 00000000-0000)", DeployFixture.ALICE,
                DeployFixture.ORIGIN);
        DeploymentPlan interrupted = world.executor().plan(new PlanRequest("staging", TestApp.V2));
        new LedgerDeploymentRecorder(world.ledger, DeployFixture.ALICE, DeployFixture.ORIGIN).record(
                EventTypes.DEPLOYMENT_STARTED, "staging", DeploymentEvents.started(interrupted, dead.getLockId()));
        world.docker.remove(TestApp.APPLICATION + "-staging-1");

        String done = new ReconcileCommand(world.descriptor(), "staging", world.ledger, world.executor())
                .setMessages(world.messages).setLockTimeout(Duration.ZERO).call();

        assertThat(done).isEqualTo("Reconciled staging; its outcome is in the ledger");
        assertThat(world.stagingVersions()).containsExactly(TestApp.V1, TestApp.V1, TestApp.V1);
        assertThat(world.events("staging", EventTypes.DEPLOYMENT_FAILED)).singleElement().satisfies(data ->
                assertThat(data).containsEntry("deploymentId", interrupted.getDeploymentId()));
        assertThat(world.eventTypes("staging")).endsWith(EventTypes.ENVIRONMENT_UNLOCKED);
        assertThat(world.current("staging")).containsEntry("version", TestApp.V1);
    }
}
