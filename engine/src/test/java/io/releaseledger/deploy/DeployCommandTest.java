package io.releaseledger.deploy;

import io.releaseledger.docker.ContainerState;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.LockResult;
import io.releaseledger.loadbalancer.AdminState;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.report.Message;
import io.releaseledger.rollout.CollectingDeploymentRecorder;
import io.releaseledger.rollout.Labels;
import io.releaseledger.rollout.LocalDeploymentExecutor;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RequiresRealComponent({Component.DOCKER, Component.REGISTRY, Component.HAPROXY})
class DeployCommandTest {
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
    void shouldDeployAFirstReleaseByRecreatingItsContainerPulledByDigest() {
        DeploymentResult result = world.deploy("production", TestApp.V1).setBuild("shop/main#1").setCommit("9fceb02")
                .call();

        assertThat(result.getPlan().getDigest()).isEqualTo(TestApp.digest(TestApp.V1));
        assertThat(world.versionAt(world.productionPort)).isEqualTo(TestApp.V1);
        ContainerState container = world.container("production", 1);
        assertThat(container.isRunning()).isTrue();
        assertThat(container.getImage()).isEqualTo(TestApp.REPOSITORY + "@" + TestApp.digest(TestApp.V1));
        assertThat(container.getLabels()).containsEntry(Labels.APPLICATION, TestApp.APPLICATION)
                .containsEntry(Labels.ENVIRONMENT, "production").containsEntry(Labels.VERSION, TestApp.V1)
                .containsEntry(Labels.DIGEST, TestApp.digest(TestApp.V1)).containsEntry(Labels.BUILD, "shop/main#1");
        assertThat(world.eventTypes("production")).containsExactly(EventTypes.ENVIRONMENT_LOCKED,
                EventTypes.DEPLOYMENT_STARTED, EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_SUCCEEDED,
                EventTypes.ENVIRONMENT_UNLOCKED);
        assertThat(world.current("production")).containsEntry("version", TestApp.V1);
        Map<String, Object> started = world.events("production", EventTypes.DEPLOYMENT_STARTED).get(0);
        @SuppressWarnings("unchecked")
        DeploymentPlan recorded = DeploymentPlan.fromJson((Map<String, Object>) started.get("plan"));
        assertThat(recorded.toJson()).as("the plan is stored whole; its configuration beside it")
                .isEqualTo(result.getPlan().withConfiguration(Map.of()).withSettings(Map.of()).toJson());
        // A keyed hash under the ledger's key, not SHA-256("hello") (2cf24dba…), which anyone could test guesses against.
        assertThat(started).containsEntry("commit", "9fceb02").extractingByKey("configuration")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys("GREETING")
                .extractingByKey("GREETING").asString().matches("hmac-sha256:[0-9a-f]{16}:[0-9a-f]{64}");
        assertThat(world.messages.getAll()).extracting(Message::getText)
                .anyMatch(line -> line.startsWith("Deployed " + TestApp.APPLICATION + " 1.0.0 to production"));
    }

    @Test
    void shouldRollThreeInstancesBehindHaproxyWithoutASingleFailedRequest() throws Exception {
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitAllServing();
        LoadLoop load = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);

        world.deploy("staging", TestApp.V2).call();
        // At least 1000 requests in all, however fast the roll was: the test app now stops at once on SIGTERM, so
        // the roll no longer lasts three stop timeouts.
        load.awaitRequests(Math.max(load.requests() + 200, 1000)).stop();

        System.out.println("Rolling upgrade of three instances under load: " + load);
        assertThat(load.failures()).as("%s; %s", load, world.haproxy.account()).isZero();
        assertThat(load.requests()).as("%s", load).isGreaterThanOrEqualTo(1000);
        assertThat(load.versions()).as("%s", load).containsKeys(TestApp.V1, TestApp.V2);
        assertThat(world.stagingVersions()).containsExactly(TestApp.V2, TestApp.V2, TestApp.V2);
        assertThat(world.haproxy.servers()).allMatch(ServerState::isServing);
        assertThat(world.current("staging")).containsEntry("version", TestApp.V2);
        assertThat(world.messages.getAll()).extracting(Message::getText)
                .contains("Batch 3/3: [local/rltest-deploy-staging-3 (127.0.0.1:" + world.stagingPorts.get(2) + ")]");
    }

    @Test
    void shouldRestoreThePreviousReleaseEverywhereWhenTheHealthGateFails() throws Exception {
        world.strategy = "{type: rolling, batchSize: 2}";
        world.gateTimeout = "3s";
        world.deploy("staging", TestApp.V1).call();
        world.haproxy.awaitAllServing();
        List<String> before = containerIds();
        LoadLoop load = new LoadLoop(world.haproxy.frontendPort(), 4).start().awaitRequests(200);

        assertThatThrownBy(() -> world.deploy("staging", TestApp.UNHEALTHY).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("local/rltest-deploy-staging-1")
                .hasMessageContaining("health gate failed")
                .hasMessageContaining("The previous release was restored on 2 instances");
        load.awaitRequests(load.requests() + 200).stop();

        assertThat(load.failures()).as("%s; %s", load, world.haproxy.account()).isZero();
        assertThat(world.stagingVersions()).containsExactly(TestApp.V1, TestApp.V1, TestApp.V1);
        assertThat(world.haproxy.servers()).allMatch(server -> server.getAdminState() == AdminState.READY);
        world.haproxy.awaitAllServing();
        assertThat(containerIds().get(2)).as("the third instance was never touched").isEqualTo(before.get(2));
        for (int i = 1; i <= 3; i++) {
            assertThat(world.container("staging", i).getLabels()).containsEntry(Labels.VERSION, TestApp.V1);
        }
        assertThat(world.eventTypes("staging")).endsWith(EventTypes.DEPLOYMENT_STARTED, EventTypes.CHECK_RECORDED,
                EventTypes.DEPLOYMENT_FAILED, EventTypes.RELEASE_ROLLED_BACK, EventTypes.ENVIRONMENT_UNLOCKED);
        Map<String, Object> rolledBack = world.events("staging", EventTypes.RELEASE_ROLLED_BACK).get(0);
        assertThat(rolledBack).containsEntry("from", TestApp.UNHEALTHY).containsEntry("to", TestApp.V1)
                .containsEntry("automatic", true);
        assertThat(world.events("staging", EventTypes.CHECK_RECORDED).get(1)).containsEntry("passed", false);
        assertThat(world.current("staging")).containsEntry("version", TestApp.V1);
    }

    @Test
    void shouldRestoreAndNameTheCauseWhenTheNewContainerExits() {
        world.gateTimeout = "3s";
        world.deploy("production", TestApp.V1).call();

        assertThatThrownBy(() -> world.deploy("production", TestApp.EXITS).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("local/rltest-deploy-production-1")
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("config missing");

        assertThat(world.versionAt(world.productionPort)).isEqualTo(TestApp.V1);
        assertThat(world.container("production", 1).getLabels()).containsEntry(Labels.VERSION, TestApp.V1);
        assertThat(world.events("production", EventTypes.DEPLOYMENT_FAILED)).hasSize(1);
        assertThat(world.events("production", EventTypes.RELEASE_ROLLED_BACK).get(0))
                .containsEntry("automatic", true).containsEntry("to", TestApp.V1);
        assertThat(world.current("production")).containsEntry("version", TestApp.V1);
    }

    @Test
    void shouldFailBeforeTouchingAnyHostWhenTheImageDoesNotExist() {
        world.deploy("production", TestApp.V1).call();
        String before = world.container("production", 1).getId();
        TestApp.digest(TestApp.V1);

        assertThatThrownBy(() -> new DeployCommand(world.descriptor(), "production", "9.9.9", world.ledger,
                world.executor()).setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining(TestApp.REPOSITORY + ":9.9.9")
                .hasMessageContaining("Nothing was changed on any host");

        assertThat(world.container("production", 1).getId()).isEqualTo(before);
        assertThat(world.versionAt(world.productionPort)).isEqualTo(TestApp.V1);
        assertThat(world.events("production", EventTypes.DEPLOYMENT_STARTED)).hasSize(1);
        assertThat(world.eventTypes("production")).endsWith(EventTypes.ENVIRONMENT_UNLOCKED);
    }

    @Test
    void shouldRefuseAnOlderVersionUnlessTheDowngradeIsAllowed() {
        world.deploy("production", TestApp.V2).call();

        assertThatThrownBy(() -> world.deploy("production", TestApp.V1).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Refusing to deploy 1.0.0 to production: 1.1.0 runs there");
        assertThat(world.versionAt(world.productionPort)).isEqualTo(TestApp.V2);

        world.deploy("production", TestApp.V1).setAllowDowngrade(true).call();
        assertThat(world.versionAt(world.productionPort)).isEqualTo(TestApp.V1);
    }

    @Test
    void shouldLetOnlyOneOfTwoRacingDeploysChangeAnEnvironment() throws Exception {
        TestApp.digest(TestApp.V1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (String version : List.of(TestApp.V1, TestApp.V2)) {
                Callable<String> deploy = () -> {
                    go.await();
                    try {
                        world.deploy("production", version).call();
                        return "deployed " + version;
                    } catch (DeploymentException e) {
                        return e.getMessage();
                    }
                };
                outcomes.add(pool.submit(deploy));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn(text -> text.startsWith("deployed ")).hasSize(1);
            assertThat(results).filteredOn(text -> text.startsWith("Environment production is locked by another deploy"))
                    .hasSize(1);
            String winner = results.stream().filter(text -> text.startsWith("deployed ")).findFirst().orElseThrow()
                    .substring("deployed ".length());
            assertThat(world.versionAt(world.productionPort)).isEqualTo(winner);
            assertThat(world.events("production", EventTypes.DEPLOYMENT_STARTED)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldWaitForTheLockAndTakeOverTheLockOfADeadProcess() throws Exception {
        LockResult held = world.ledger.lock("production", "0.9.0", EnvironmentLock.purpose("deploy 0.9.0"),
                DeployFixture.ALICE, DeployFixture.ORIGIN);
        Thread unlocker = new Thread(() -> {
            DeployHaproxy.sleep(1500);
            world.ledger.unlock("production", held.getLockId(), DeployFixture.ALICE, DeployFixture.ORIGIN);
        });
        unlocker.start();
        world.deploy("production", TestApp.V1).setLockTimeout(Duration.ofSeconds(30)).call();
        unlocker.join(10_000);
        assertThat(world.messages.getAll()).extracting(Message::getText)
                .anyMatch(line -> line.startsWith("Environment production is locked by version 0.9.0"));

        world.ledger.lock("production", "1.0.5", "deploy 1.0.5 (pid 2147483000 on " + EnvironmentLock.localHost() + ")",
                DeployFixture.ALICE, DeployFixture.ORIGIN);
        world.deploy("production", TestApp.V2).call();

        assertThat(world.versionAt(world.productionPort)).isEqualTo(TestApp.V2);
        assertThat(world.messages.getAll()).extracting(Message::getText)
                .anyMatch(line -> line.contains("taking over the lock") && line.contains("2147483000"));
        assertThat(world.ledger.view().state().toString()).doesNotContain("1.0.5 (pid");
    }

    @Test
    void shouldFailBeforeTouchingAnyHostWhenOneHostIsDown() throws Exception {
        int closed = FreePorts.next();
        world.extraProductionHost = "{url: \"tcp://127.0.0.1:" + closed + "\", name: down, address: 127.0.0.2}";

        assertThatThrownBy(() -> world.deploy("production", TestApp.V1).call())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("A Docker host of production cannot be used (1 of 2): host down (tcp://127.0.0.1:"
                        + closed + "): ")
                .hasMessageContaining("cannot reach the Docker engine at tcp://127.0.0.1:" + closed)
                .hasMessageContaining("Check that dockerd runs and listens there")
                .hasMessageEndingWith("Nothing was changed on any host.");

        assertThat(world.containers()).isEmpty();
        assertThat(world.events("production", EventTypes.DEPLOYMENT_STARTED)).isEmpty();
        assertThat(world.eventTypes("production")).endsWith(EventTypes.ENVIRONMENT_UNLOCKED);
    }

    @Test
    void shouldStopTheTestAppOnSigtermWithoutWaitingOutTheStopTimeout() {
        world.deploy("staging", TestApp.V1).call();

        world.deploy("staging", TestApp.V2).call();

        assertThat(world.stagingVersions()).containsOnly(TestApp.V2);
        assertThat(world.messages.getAll()).extracting(Message::getText).noneMatch(text -> text.contains("timed out"));
    }

    @Test
    void shouldPrintThePlanOnADryRunAndChangeNothing() {
        world.deploy("staging", TestApp.V1).call();
        int events = world.eventTypes("staging").size();

        DeploymentResult result = world.deploy("staging", TestApp.V2).setDryRun(true).call();

        assertThat(result.isDryRun()).isTrue();
        assertThat(result.getPlan().getBatches()).hasSize(3);
        assertThat(world.stagingVersions()).containsOnly(TestApp.V1);
        assertThat(world.eventTypes("staging")).hasSize(events);
        assertThat(world.messages.getAll()).extracting(Message::getText)
                .contains("  batch 2: local/rltest-deploy-staging-2 (127.0.0.1:" + world.stagingPorts.get(1)
                        + "), server app/local-2, replaces 1.0.0 (" + TestApp.digest(TestApp.V1) + ")");
    }

    @Test
    void shouldCutACanaryOfOneInstanceBeforeTheOtherBatches() {
        world.strategy = "{type: rolling, batchSize: 2, canary: true}";

        DeploymentPlan plan = world.deploy("staging", TestApp.V1).setDryRun(true).call().getPlan();

        assertThat(plan.getBatches()).extracting(List::size).containsExactly(1, 2);
        assertThat(plan.getBatches().get(0)).extracting(PlannedInstance::getServer).containsExactly("local-1");
    }

    @Test
    void shouldTagTheImageWithTheEnvironmentAndLatestAfterASuccessfulDeployFromTheReleaseBranch() {
        world.stagingExtra = "    registryTags: {environment: true, latest: true}\n";

        world.deploy("staging", TestApp.V2).setReleaseBranch(true).call();

        String repository = TestApp.REPOSITORY.substring("127.0.0.1:5000/".length());
        assertThat(world.registry.resolve(repository, "staging").getDigest()).isEqualTo(TestApp.digest(TestApp.V2));
        assertThat(world.registry.resolve(repository, "latest").getDigest()).isEqualTo(TestApp.digest(TestApp.V2));
    }

    @Test
    void shouldCollectTheEventsOnTheAgentForTheControllerToAppend() {
        TestApp.digest(TestApp.V1);
        CollectingDeploymentRecorder agent = new CollectingDeploymentRecorder();
        LocalDeploymentExecutor executor = world.executor();
        DeploymentPlan plan = executor.plan(new PlanRequest("production", TestApp.V1));
        agent.record(EventTypes.DEPLOYMENT_STARTED, "production", DeploymentEvents.started(plan, null));
        executor.execute(plan, null, agent);
        String response = io.releaseledger.json.Json.writeAscii(agent.getEvents());

        for (Object event : (List<?>) io.releaseledger.json.Json.parse(response)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) event;
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) json.get("data");
            world.ledger.append(new io.releaseledger.ledger.EventDraft((String) json.get("type"), DeployFixture.ALICE,
                    DeployFixture.ORIGIN).setEnvironment((String) json.get("environment")).setData(data));
        }

        assertThat(agent.getEvents()).extracting(event -> event.get("type")).containsExactly(
                EventTypes.DEPLOYMENT_STARTED, EventTypes.CHECK_RECORDED, EventTypes.DEPLOYMENT_SUCCEEDED);
        assertThat(world.current("production")).containsEntry("version", TestApp.V1);
        assertThat(world.versionAt(world.productionPort)).isEqualTo(TestApp.V1);
    }

    private List<String> containerIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(world.container("staging", i).getId());
        }
        return ids;
    }
}
