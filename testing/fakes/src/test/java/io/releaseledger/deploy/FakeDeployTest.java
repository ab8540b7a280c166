package io.releaseledger.deploy;

import io.releaseledger.ledger.EventTypes;
import io.releaseledger.rollout.LocalDeploymentExecutor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deploys against the in-memory container engine and load balancer: failure paths Docker cannot be made to take. */
class FakeDeployTest {
    private static final String V1 = "1.0.0";
    private static final String V2 = "2.0.0";

    @TempDir
    Path temp;

    private FakeWorld world;

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private FakeWorld world(final int instances, final boolean loadBalanced, final String strategy) throws Exception {
        world = new FakeWorld(temp, instances, loadBalanced);
        world.strategy = strategy;
        world.publish(V1).deploy(V1).call();
        return world;
    }

    @Test
    void shouldShowTheOverridesAndPlanWithThemOnADryRun() throws Exception {
        world(3, true, "{type: rolling, batchSize: 1}").publish(V2);
        io.releaseledger.descriptor.ReleaseDescriptor overridden = world.descriptor().withOverrides(Map.of(
                "environments.web.strategy.batchSize", "3"));
        LocalDeploymentExecutor executor = new LocalDeploymentExecutor(overridden, null)
                .setTargets(world.targets()).setMessages(world.messages);

        DeploymentResult result = new DeployCommand(overridden, "web", V2, world.ledger, executor)
                .setDigest(FakeWorld.digest(V2)).setMessages(world.messages).setDryRun(true).call();

        assertThat(result.getPlan().getBatches()).hasSize(1);
        assertThat(world.messages.getAll()).extracting(io.releaseledger.report.Message::getText)
                .contains("Overrides of fake release-ledger.yaml: environments.web.strategy.batchSize=3");
    }

    @Test
    void shouldSayWhenAStopTimedOutAndTheContainerWasKilledUsingTheDescriptorsStopTimeout() throws Exception {
        world = new FakeWorld(temp, 2, true);
        world.container = "{network: host, restart: \"no\", stopTimeout: 1s}";
        world.publish(V1).deploy(V1).call();
        world.publish(V2).engine().ignoreSigterm(FakeWorld.image(V1));
        LocalDeploymentExecutor executor = new LocalDeploymentExecutor(world.descriptor(), null)
                .setTargets(world.targets()).setMessages(world.messages); // no stop timeout: the descriptor's

        new DeployCommand(world.descriptor(), "web", V2, world.ledger, executor).setDigest(FakeWorld.digest(V2))
                .setActor(new io.releaseledger.ledger.Actor("alice", null))
                .setOrigin(io.releaseledger.ledger.Origin.cli("alice", "test")).setMessages(world.messages)
                .setLockTimeout(java.time.Duration.ZERO).call();

        assertThat(world.messages.getAll()).extracting(io.releaseledger.report.Message::getText)
                .contains("Stopping fakeapp-web-1 timed out: it did not stop on SIGTERM and had to be killed after 1 s."
                        + " Give the environment's container init: true (Docker's init forwards SIGTERM), make the "
                        + "image stop on SIGTERM, or lower container.stopTimeout")
                .noneMatch(text -> text.startsWith("Stopping fakeapp-web-1 timed out") && text.contains("10 s"));
        assertThat(world.versions()).containsExactly(V2, V2);
    }

    @Test
    void shouldSayNothingAboutStopsThatEndedOnSigtermAndTimeEachBatch() throws Exception {
        world(2, true, "{type: rolling, batchSize: 1}").publish(V2).deploy(V2).call();

        assertThat(world.messages.getAll()).extracting(io.releaseledger.report.Message::getText)
                .noneMatch(text -> text.contains("timed out"))
                .anyMatch(text -> text.matches("Batch 1/2 done in \\d+\\.\\d s \\(.*\\)"))
                .anyMatch(text -> text.startsWith("Batch 2/2 done in "));
    }

    @Test
    void shouldDeployAndRecordTheNewVersionWithTheFakes() throws Exception {
        world(3, true, "{type: rolling, batchSize: 1}").publish(V2).deploy(V2).call();

        assertThat(world.versions()).containsExactly(V2, V2, V2);
        assertThat(world.servers()).containsOnly("READY/UP");
        assertThat(world.current()).containsEntry("version", V2);
    }

    @Test
    void shouldLeaveEveryOldContainerRunningWhenTheImageOfARecreateCannotBePulled() throws Exception {
        world(2, false, "recreate");

        assertThatThrownBy(() -> world.deploy(V2).call()).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("manifest unknown").hasMessageContaining("Nothing was changed.");

        assertThat(world.versions()).containsExactly(V1, V1);
        assertThat(world.current()).containsEntry("version", V1);
        assertThat(world.eventTypes()).doesNotContain(EventTypes.RELEASE_ROLLED_BACK);
    }

    @Test
    void shouldRestartEveryStoppedContainerWhenACreateOfARecreateFails() throws Exception {
        world(2, false, "recreate").publish(V2);
        world.faults.failOn(FakeWorld.HOST + " create " + FakeWorld.container(2), 1);

        assertThatThrownBy(() -> world.deploy(V2).call()).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("injected failure")
                .hasMessageContaining("The previous release was restored on 2 instances");

        assertThat(world.versions()).containsExactly(V1, V1);
        assertThat(world.current()).containsEntry("version", V1);
    }

    @Test
    void shouldRecordNoRollbackWhenTheRestoreDidNotComplete() throws Exception {
        world(3, true, "{type: rolling, batchSize: 1}").publish(V2).crashing.add(FakeWorld.image(V2));
        // The new container of instance 1 exits, the gate fails; putting V1 back fails at its create.
        world.faults.failOn(FakeWorld.HOST + " create " + FakeWorld.container(1), 2);

        assertThatThrownBy(() -> world.deploy(V2).call()).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("health gate failed").hasMessageContaining("THE RESTORE DID NOT COMPLETE");

        assertThat(world.faults.failed()).isEqualTo(FakeWorld.HOST + " create " + FakeWorld.container(1));
        assertThat(world.versions()).containsExactly("none", V1, V1);
        assertThat(world.eventTypes()).endsWith(EventTypes.DEPLOYMENT_FAILED, EventTypes.ENVIRONMENT_UNLOCKED);
        assertThat(world.events(EventTypes.DEPLOYMENT_FAILED).get(0)).containsEntry("restored", false)
                .extractingByKey("reason").asString().contains("the restore of the previous release did not complete");
    }

    @Test
    void shouldRecordNoRollbackWhenTheRestoreOfARollbackDidNotComplete() throws Exception {
        world(2, false, "{type: rolling, batchSize: 1}").publish(V2).deploy(V2).call();
        world.crashing.add(FakeWorld.image(V1));
        // The rollback to V1 fails its gate on instance 1; putting V2 back fails at its create.
        RollbackCommand rollback = new RollbackCommand(world.descriptor(), "web", "broken", world.ledger,
                new LocalDeploymentExecutor(world.descriptor(), null).setTargets(world.targets())
                        .setMessages(world.messages).setStopTimeout(java.time.Duration.ofSeconds(1)))
                .setMessages(world.messages).setDeployOptions(deploy -> deploy.setLockTimeout(java.time.Duration.ZERO));
        world.faults.failOn(FakeWorld.HOST + " create " + FakeWorld.container(1), 2);

        assertThatThrownBy(rollback::call).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("THE RESTORE DID NOT COMPLETE");

        assertThat(world.faults.failed()).isEqualTo(FakeWorld.HOST + " create " + FakeWorld.container(1));
        assertThat(world.versions()).containsExactly("none", V2);
        assertThat(world.eventTypes()).doesNotContain(EventTypes.RELEASE_ROLLED_BACK, EventTypes.RELEASE_MARKED_BAD);
        assertThat(world.events(EventTypes.DEPLOYMENT_FAILED).get(0)).containsEntry("restored", false);
    }

    @Test
    void shouldRecordNoRollbackWhenTheAutomaticRollbackOfASmokeCheckDidNotComplete() throws Exception {
        world(2, false, "{type: rolling, batchSize: 1}").publish(V2).deploy(V2).call();
        world.crashing.add(FakeWorld.image(V1));
        world.faults.failOn(FakeWorld.HOST + " create " + FakeWorld.container(1), 2);
        SmokeOutcome failed = SmokeOutcome.fromJson(Map.of("passed", false, "report", Map.of("passed", false),
                "table", "", "junitXml", "", "summary", "1 of 1 check failed"));
        SmokeCheckCommand smoke = new SmokeCheckCommand(world.descriptor(), "web", world.ledger, request -> failed)
                .setMessages(world.messages).setLockTimeout(java.time.Duration.ZERO)
                .setRollbackOnFailure(new LocalDeploymentExecutor(world.descriptor(), null)
                        .setTargets(world.targets()).setMessages(world.messages)
                        .setStopTimeout(java.time.Duration.ofSeconds(1)));

        assertThatThrownBy(smoke::call).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("THE RESTORE DID NOT COMPLETE");

        assertThat(world.versions()).containsExactly("none", V2);
        assertThat(world.eventTypes()).doesNotContain(EventTypes.RELEASE_ROLLED_BACK, EventTypes.RELEASE_MARKED_BAD);
        assertThat(world.events(EventTypes.DEPLOYMENT_FAILED).get(0)).containsEntry("restored", false);
    }

    @Test
    void shouldRefuseToDrainWhenTheServersLeftDoNotServe() throws Exception {
        world(3, true, "{type: rolling, batchSize: 1}").publish(V2);
        world.loadBalancer().checkFails(FakeWorld.HOST + "-3");

        assertThatThrownBy(() -> world.deploy(V2).call()).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("refusing to take h-1 out of web_back")
                .hasMessageContaining("not serving: h-3 READY/DOWN").hasMessageContaining("maxUnavailable 1")
                .hasMessageContaining("Nothing was changed.");

        assertThat(world.versions()).containsExactly(V1, V1, V1);
        assertThat(world.servers()).containsExactly("READY/UP", "READY/UP", "READY/DOWN");
        assertThat(world.current()).containsEntry("version", V1);
    }

    @Test
    void shouldDrainPastADownServerWithinMaxUnavailable() throws Exception {
        world(3, true, "{type: rolling, batchSize: 1, maxUnavailable: 2}").publish(V2);
        world.loadBalancer().checkFails(FakeWorld.HOST + "-3");

        world.deploy(V2).call();

        assertThat(world.versions()).containsExactly(V2, V2, V2);
    }

    @Test
    void shouldRefuseToLeaveNoServerServingWhateverMaxUnavailableAllows() throws Exception {
        world(2, true, "{type: rolling, batchSize: 1, maxUnavailable: 2}").publish(V2);
        world.loadBalancer().checkFails(FakeWorld.HOST + "-2");

        assertThatThrownBy(() -> world.deploy(V2).call()).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("leave none serving").hasMessageContaining("Nothing was changed.");

        assertThat(world.versions()).containsExactly(V1, V1);
    }
}
