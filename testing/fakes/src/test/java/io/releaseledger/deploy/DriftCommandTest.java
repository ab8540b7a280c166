package io.releaseledger.deploy;

import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Origin;
import io.releaseledger.rollout.Labels;
import io.releaseledger.rollout.LocalDriftExecutor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Drift against the in-memory container engine and load balancer, with the ledger of real deploys. */
class DriftCommandTest {
    private static final String V1 = "1.0.0";

    @TempDir
    Path temp;

    private FakeWorld world;

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private FakeWorld deployed(final int instances) throws Exception {
        world = new FakeWorld(temp, instances, true);
        world.publish(V1).deploy(V1).call();
        return world;
    }

    private DriftCommand drift() {
        return new DriftCommand(world.descriptor(), "web", world.ledger,
                new LocalDriftExecutor(world.descriptor(), null).setTargets(world.targets()))
                .setActor(new Actor("bob", null)).setOrigin(Origin.cli("bob", "test")).setMessages(world.messages);
    }

    /** A container as a person would start it by hand: the environment's labels, any image. */
    private void runByHand(final String name, final String version, final Map<String, String> extraLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.APPLICATION, FakeWorld.APPLICATION);
        labels.put(Labels.ENVIRONMENT, "web");
        labels.put(Labels.VERSION, version);
        labels.putAll(extraLabels);
        world.engine().run(new ContainerRequest(name, FakeWorld.image(version)).setLabels(labels));
    }

    private static List<String> kinds(final DriftReport report) {
        return report.getFindings().stream().map(f -> f.getKind() + " " + f.getSubject()).toList();
    }

    @Test
    void shouldFindNoDriftRightAfterADeployAndRecordDriftChecked() throws Exception {
        deployed(2);

        DriftReport report = drift().call();

        assertThat(report.isDrifted()).isFalse();
        assertThat(report.isComplete()).isTrue();
        assertThat(report.summary()).contains("runs what the ledger records", "host h: 2 containers running 1.0.0",
                "backend web_back: 2 servers READY/UP");
        assertThat(world.events(EventTypes.DRIFT_CHECKED)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("version", V1).containsEntry("findingCount", 0L)
                        .containsEntry("source", "drift"));
        assertThat(world.events(EventTypes.DRIFT_DETECTED)).isEmpty();
    }

    @Test
    void shouldFindAContainerReplacedByAnotherImage() throws Exception {
        deployed(2);
        ContainerState old = world.engine().peek(FakeWorld.container(1));
        world.engine().remove(FakeWorld.container(1));
        world.engine().run(new ContainerRequest(FakeWorld.container(1), FakeWorld.image("9.9.9"))
                .setLabels(old.getLabels()));

        DriftReport report = drift().call();

        assertThat(kinds(report)).containsExactly("image h/fakeapp-web-1");
        assertThat(report.getFindings().get(0).getActual()).contains(FakeWorld.digest("9.9.9").substring(0, 19));
        assertThat(report.getFindings().get(0).getExpected()).isEqualTo(FakeWorld.digest(V1).substring(0, 19) + "…");
    }

    @Test
    void shouldFindNoDriftInAContainerCreatedFromATagOfTheRecordedImage() throws Exception {
        deployed(2);
        world.engine().createdFromTag(FakeWorld.container(1), FakeWorld.REPOSITORY + ":" + V1,
                List.of("mirror.example/fakeapp@" + FakeWorld.digest("0.0.1"), FakeWorld.image(V1)));

        DriftReport report = drift().call();

        assertThat(report.getFindings()).isEmpty();
        assertThat(world.events(EventTypes.DRIFT_CHECKED)).hasSize(1);
    }

    @Test
    void shouldFindImageDriftInAContainerCreatedFromATagOfAnotherImage() throws Exception {
        deployed(2);
        world.engine().createdFromTag(FakeWorld.container(1), FakeWorld.REPOSITORY + ":" + V1,
                List.of(FakeWorld.image("9.9.9")));

        DriftReport report = drift().call();

        assertThat(kinds(report)).containsExactly("image h/fakeapp-web-1");
        assertThat(report.getFindings().get(0).getActual()).isEqualTo("runs " + FakeWorld.REPOSITORY + ":" + V1 + " ("
                + FakeWorld.digest("9.9.9").substring(0, 19) + "…)");
    }

    @Test
    void shouldFindImageDriftInAContainerCreatedFromATagOfAnImageNeverPulled() throws Exception {
        deployed(2);
        world.engine().createdFromTag(FakeWorld.container(1), "fakeapp-local:" + V1, List.of());

        DriftReport report = drift().call();

        assertThat(kinds(report)).containsExactly("image h/fakeapp-web-1");
        assertThat(report.getFindings().get(0).getActual()).startsWith("runs fakeapp-local:" + V1 + " (image id sha256:");
    }

    @Test
    void shouldFindAStoppedContainer() throws Exception {
        deployed(2);
        world.engine().stop(FakeWorld.container(2), Duration.ofSeconds(1));

        DriftReport report = drift().call();

        assertThat(kinds(report)).contains("stopped h/fakeapp-web-2");
        assertThat(report.getFindings().get(0).getActual()).isEqualTo("exited");
    }

    @Test
    void shouldFindAMissingContainer() throws Exception {
        deployed(2);
        world.engine().remove(FakeWorld.container(2));

        assertThat(kinds(drift().call())).contains("missing h/fakeapp-web-2");
    }

    @Test
    void shouldFindAContainerAddedByHandWithTheEnvironmentsLabels() throws Exception {
        deployed(2);
        runByHand("fakeapp-web-extra", V1, Map.of());

        DriftReport report = drift().call();

        assertThat(kinds(report)).containsExactly("unrecorded h/fakeapp-web-extra");
        assertThat(report.getFindings().get(0).getActual()).contains("a container with the environment's labels");
    }

    @Test
    void shouldFindAnInstanceReplacedByHandWithTheRightImageButNoRecordedDeploy() throws Exception {
        deployed(1);
        world.engine().remove(FakeWorld.container(1));
        runByHand(FakeWorld.container(1), V1, Map.of(Labels.DEPLOYMENT, "made-by-hand"));

        DriftReport report = drift().call();

        assertThat(kinds(report)).containsExactly("unrecorded h/fakeapp-web-1");
        assertThat(report.getFindings().get(0).getActual()).contains("deployment made-by-hand is not in the ledger");
    }

    @Test
    void shouldFindAVersionLabelThatIsNotTheLedgers() throws Exception {
        deployed(1);
        ContainerState old = world.engine().peek(FakeWorld.container(1));
        Map<String, String> labels = new LinkedHashMap<>(old.getLabels());
        labels.put(Labels.VERSION, "1.0.1");
        world.engine().remove(FakeWorld.container(1));
        world.engine().run(new ContainerRequest(FakeWorld.container(1), old.getImage()).setLabels(labels));

        assertThat(kinds(drift().call())).containsExactly("version h/fakeapp-web-1");
    }

    @Test
    void shouldFindAServerLeftInMaintenanceOrDrain() throws Exception {
        deployed(3);
        world.loadBalancer().maintenance(FakeWorld.BACKEND, "h-2");
        world.loadBalancer().drain(FakeWorld.BACKEND, "h-3");

        DriftReport report = drift().call();

        assertThat(report.getFindings()).extracting(DriftFinding::describe).containsExactly(
                "web_back/h-2: MAINT/DOWN, the ledger says READY/UP (server)",
                "web_back/h-3: DRAIN/UP, the ledger says READY/UP (server)");
        assertThat(world.events(EventTypes.DRIFT_DETECTED)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("findingCount", 2L));
    }

    @Test
    void shouldShowTheLastDriftResultInTheLedgersState() throws Exception {
        deployed(1);
        world.engine().stop(FakeWorld.container(1), Duration.ofSeconds(1));
        drift().call();

        Map<String, Object> drift = driftState();
        assertThat(drift).containsEntry("drifted", true).containsEntry("version", V1);
        assertThat((String) drift.get("summary")).contains("web drifted from the ledger", "stopped");

        world.engine().start(FakeWorld.container(1));
        drift().call();

        assertThat(driftState()).containsEntry("drifted", false);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> driftState() {
        for (Object env : (List<Object>) world.ledger.view().state().get("environments")) {
            Map<String, Object> json = (Map<String, Object>) env;
            if ("web".equals(json.get("name"))) {
                return (Map<String, Object>) json.get("drift");
            }
        }
        throw new AssertionError("no environment web");
    }

    @Test
    void shouldCallAnUnreadableHostUnknownAndRecordNothing() throws Exception {
        deployed(1);
        world.faults.failOn(FakeWorld.HOST + " findByLabels", 1);

        DriftReport report = drift().call();

        assertThat(report.isDrifted()).isFalse();
        assertThat(report.isComplete()).isFalse();
        assertThat(report.getUnknown()).singleElement().asString().startsWith("host h: ").contains("injected");
        assertThat(world.events(EventTypes.DRIFT_CHECKED)).isEmpty();
        assertThat(world.events(EventTypes.DRIFT_DETECTED)).isEmpty();
    }

    @Test
    void shouldTakeEveryLabelledContainerForDriftWhenNothingWasDeployed() throws Exception {
        world = new FakeWorld(temp, 1, true);
        runByHand(FakeWorld.container(1), V1, Map.of());

        DriftReport report = drift().call();

        assertThat(kinds(report)).containsExactly("unrecorded h/fakeapp-web-1");
        assertThat(report.getVersion()).isNull();
    }

    @Test
    void shouldRefuseAnUnknownEnvironment() throws Exception {
        deployed(1);

        assertThatThrownBy(() -> new DriftCommand(world.descriptor(), "nope", world.ledger,
                expected -> new DriftObservation("nope")).call()).hasMessageContaining("has no environment 'nope'");
        assertThat(world.events(EventTypes.DRIFT_CHECKED)).isEmpty();
    }

    @Test
    void shouldCarryTheObservationThroughJsonUnchanged() throws Exception {
        deployed(2);
        world.loadBalancer().maintenance(FakeWorld.BACKEND, "h-1");
        world.engine().createdFromTag(FakeWorld.container(2), FakeWorld.REPOSITORY + ":" + V1,
                List.of(FakeWorld.image(V1)));
        DriftExpectation expected = DriftExpectation.of(world.ledger, world.descriptor(), "web");
        DriftObservation seen = new LocalDriftExecutor(world.descriptor(), null).setTargets(world.targets())
                .observe(DriftExpectation.fromJson(expected.toJson()));

        DriftObservation copy = DriftObservation.fromJson(io.releaseledger.json.Json.parseObject(
                io.releaseledger.json.Json.write(seen.toJson())));

        assertThat(copy.toJson()).isEqualTo(seen.toJson());
        assertThat(copy.getContainers()).filteredOn(c -> c.getName().equals(FakeWorld.container(2))).singleElement()
                .satisfies(c -> assertThat(c.getRepoDigests()).containsExactly(FakeWorld.image(V1)));
        assertThat(new DriftComparison(world.descriptor().getEnvironment("web").orElseThrow(), expected)
                .compare(copy).toJson()).isEqualTo(new DriftComparison(world.descriptor().getEnvironment("web")
                        .orElseThrow(), expected).compare(seen).toJson());
    }

    @Test
    void shouldRunTheDriftSmokeCheckAndRecordItsVerdictBesideTheChecks() throws Exception {
        world = new FakeWorld(temp, 2, true);
        world.extra = "    smokeChecks:\n      checks:\n        - drift\n";
        world.publish(V1).deploy(V1).call();

        SmokeCheckResult passed = smoke().call();

        assertThat(passed.getOutcome().isPassed()).isTrue();
        assertThat(world.events(EventTypes.DRIFT_CHECKED)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("source", "smoke"));

        world.loadBalancer().maintenance(FakeWorld.BACKEND, "h-1");
        SmokeCheckResult failed = smoke().call();

        assertThat(failed.getOutcome().isPassed()).isFalse();
        assertThat(failed.getOutcome().getTable()).contains("drifted, 1 difference: server web_back/h-1");
        assertThat(world.events(EventTypes.CHECK_RECORDED)).last()
                .satisfies(data -> assertThat(data).containsEntry("passed", false));
        assertThat(world.events(EventTypes.DRIFT_DETECTED)).singleElement()
                .satisfies(data -> assertThat(data).containsEntry("source", "smoke").containsEntry("findingCount", 1L));
    }

    @Test
    void shouldRefuseADriftSmokeCheckWithoutTheLedgersExpectation() throws Exception {
        world = new FakeWorld(temp, 1, false);
        world.extra = "    smokeChecks:\n      checks:\n        - drift\n";

        assertThatThrownBy(() -> new io.releaseledger.rollout.LocalSmokeCheckExecutor(world.descriptor())
                .setTargets(world.targets()).run(new SmokeRequest("web")))
                .hasMessageContaining("The drift check of web needs what the ledger records");
    }

    @Test
    void shouldCarryTheDriftExpectationThroughTheSmokeRequestsJson() throws Exception {
        DriftExpectation expected = new DriftExpectation("web", V1, FakeWorld.digest(V1), List.of("d1", "d2"))
                .setRegistryTag("web").setLocked(true);

        SmokeRequest copy = SmokeRequest.fromJson(io.releaseledger.json.Json.parseObject(
                io.releaseledger.json.Json.write(new SmokeRequest("web").setDrift(expected).toJson())));

        assertThat(copy.getDrift().toJson()).isEqualTo(expected.toJson());
        assertThat(SmokeRequest.fromJson(new SmokeRequest("web").toJson()).getDrift()).isNull();
    }

    private SmokeCheckCommand smoke() {
        return new SmokeCheckCommand(world.descriptor(), "web", world.ledger,
                new io.releaseledger.rollout.LocalSmokeCheckExecutor(world.descriptor()).setTargets(world.targets())
                        .setMessages(world.messages)).setActor(new Actor("bob", null))
                .setOrigin(Origin.cli("bob", "test")).setMessages(world.messages);
    }
}
