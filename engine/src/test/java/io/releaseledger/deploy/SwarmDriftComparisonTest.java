package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.json.Json;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A swarm environment's drift without Docker: the observation as an agent would send it, compared. */
class SwarmDriftComparisonTest {
    private static final String V1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private static final String V2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private static final String IMAGE = "127.0.0.1:5000/shop@";

    private final EnvironmentSpec staging = DescriptorLoader.parse("schemaVersion: 1\n"
            + "application: shop\n"
            + "image: 127.0.0.1:5000/shop\n"
            + "environments:\n"
            + "  - name: staging\n"
            + "    hosts: [{name: manager, url: 'unix:///var/run/docker.sock'}]\n"
            + "    container: {network: host}\n"
            + "    instances: {ports: [8081, 8082]}\n"
            + "    swarm: {service: shop-staging}\n", "test.yaml").getEnvironment("staging").orElseThrow();
    private final DriftExpectation expected = new DriftExpectation("staging", "1.0.0", V1, List.of("d1"));

    private static ObservedService service(final String image, final int replicas) {
        return new ObservedService("manager", "shop-staging", true).setSpec(image, replicas).setLabels("1.0.0", "d1")
                .setUpdate("completed", "update completed");
    }

    private static ObservedContainer task(final int slot, final String image, final boolean running) {
        return new ObservedContainer("manager", "shop-staging." + slot, image, ObservedService.digestOf(image), running,
                running ? "running" : "failed (task: non-zero exit (1))");
    }

    /** Through JSON, as the agent's {@code drift.observe} answer crosses the wire. */
    private DriftReport compare(final ObservedService service) {
        DriftObservation observation = new DriftObservation("staging").setService(service);
        DriftObservation received = DriftObservation.fromJson(Json.parseObject(Json.write(observation.toJson())));
        return new DriftComparison(staging, expected).compare(received);
    }

    private static List<String> described(final DriftReport report) {
        return report.getFindings().stream().map(DriftFinding::describe).toList();
    }

    @Test
    void shouldFindNothingWhenEverySlotRunsTheLedgersDigest() {
        DriftReport report = compare(service(IMAGE + V1, 2).addTask(task(1, IMAGE + V1, true))
                .addTask(task(2, IMAGE + V1, true)));

        assertThat(report.getFindings()).isEmpty();
        assertThat(report.isComplete()).isTrue();
        assertThat(report.summary()).contains("Swarm service manager/shop-staging: 2 tasks running 1.0.0");
    }

    @Test
    void shouldSayWhatDiffersInTheWordsOfHostDrift() {
        DriftReport report = compare(service(IMAGE + V2, 2).setUpdate("paused", "update paused due to failure")
                .addTask(task(1, IMAGE + V2, false)));

        assertThat(described(report)).containsExactly(
                "manager/shop-staging: the spec runs sha256:222222222222…, the ledger says sha256:111111111111… (image)",
                "manager/shop-staging: update paused: update paused due to failure, the ledger says update completed"
                        + " (update)",
                "manager/shop-staging.1: failed (task: non-zero exit (1)), the ledger says running (stopped)",
                "manager/shop-staging.1: runs sha256:222222222222…, the ledger says sha256:111111111111… (image)",
                "manager/shop-staging.2: no task, the ledger says running 1.0.0 (missing)");
    }

    @Test
    void shouldFindFewerReplicasAndAnUnrecordedDeployment() {
        DriftReport report = compare(service(IMAGE + V1, 1).setLabels("1.0.0", "by-hand")
                .addTask(task(1, IMAGE + V1, true)));

        assertThat(described(report)).containsExactly(
                "manager/shop-staging: deployment by-hand is not in the ledger, the ledger says made by a recorded "
                        + "deploy (unrecorded)",
                "manager/shop-staging: the spec asks for 1 replica, the ledger says 2 replicas (replicas)",
                "manager/shop-staging.2: no task, the ledger says running 1.0.0 (missing)");
    }

    @Test
    void shouldTakeARollbackOntoTheLedgersReleaseForTheLedgersOwnRestore() {
        ObservedService rolledBack = service(IMAGE + V1, 2).setUpdate("rollback_completed", "rollback completed")
                .addTask(task(1, IMAGE + V1, true)).addTask(task(2, IMAGE + V1, true));
        ObservedService rolledBackElsewhere = service(IMAGE + V2, 2).setUpdate("rollback_completed", "done")
                .addTask(task(1, IMAGE + V2, true)).addTask(task(2, IMAGE + V2, true));

        assertThat(compare(rolledBack).getFindings()).isEmpty();
        assertThat(kinds(compare(rolledBackElsewhere))).contains("image manager/shop-staging",
                "update manager/shop-staging");
    }

    @Test
    void shouldTakeAPausedRollbackOntoTheLedgersReleaseForARestoreOnlyWhenEverySlotRunsIt() {
        ObservedService restored = service(IMAGE + V1, 2).setUpdate("rollback_paused", "update paused due to failure")
                .addTask(task(1, IMAGE + V1, true)).addTask(task(2, IMAGE + V1, true));
        ObservedService slotBehind = service(IMAGE + V1, 2).setUpdate("rollback_paused", "update paused due to failure")
                .addTask(task(1, IMAGE + V1, true)).addTask(task(2, IMAGE + V2, true));

        assertThat(compare(restored).getFindings()).isEmpty();
        assertThat(kinds(compare(slotBehind))).contains("image manager/shop-staging.2");
    }

    @Test
    void shouldFindAMissingServiceOnceAndAnExtraTask() {
        assertThat(described(compare(new ObservedService("manager", "shop-staging", false)))).containsExactly(
                "manager/shop-staging: no Swarm service, the ledger says running 1.0.0 (missing)");
        assertThat(kinds(compare(service(IMAGE + V1, 3).addTask(task(1, IMAGE + V1, true))
                .addTask(task(2, IMAGE + V1, true)).addTask(task(3, IMAGE + V1, true)))))
                .containsExactly("replicas manager/shop-staging", "unrecorded manager/shop-staging.3");
    }

    @Test
    void shouldLeaveTheServiceUnknownWhenTheManagerCouldNotBeRead() {
        DriftObservation observation = new DriftObservation("staging").setHostError("manager", "connection refused");

        DriftReport report = new DriftComparison(staging, expected).compare(observation);

        assertThat(report.getFindings()).isEmpty();
        assertThat(report.getUnknown()).containsExactly("Swarm service manager/shop-staging: connection refused");
    }

    private static List<String> kinds(final DriftReport report) {
        return report.getFindings().stream().map(f -> f.getKind() + " " + f.getSubject()).toList();
    }
}
