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
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.swarm.SwarmEngine;
import io.releaseledger.swarm.SwarmService;
import io.releaseledger.swarm.SwarmServiceRequest;
import io.releaseledger.swarm.SwarmTask;

import java.util.ArrayList;
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

    private LocalDeploymentExecutor executor() {
        return new LocalDeploymentExecutor(descriptor(), null).setTargets(new DeployTargets() {
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
                return null;
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

    /** A manager whose update ends as {@link #outcome} says; its rollback puts the previous image back. */
    private static final class FakeSwarm implements SwarmEngine {
        SwarmService service;
        SwarmService.UpdateState outcome = SwarmService.UpdateState.COMPLETED;
        final List<SwarmServiceRequest> requests = new ArrayList<>();
        int rollbacks;

        SwarmService service(final String version, final String digest, final SwarmService.UpdateState state) {
            return new SwarmService("id-1", "shop-staging", requests.size() + rollbacks, REPOSITORY + "@" + digest,
                    Map.of(Labels.VERSION, version, Labels.DIGEST, digest), 2, state,
                    state == SwarmService.UpdateState.PAUSED ? "update paused due to failure" : "rollback completed");
        }

        @Override
        public Optional<SwarmService> inspect(final String name) {
            return Optional.ofNullable(service);
        }

        @Override
        public String create(final SwarmServiceRequest request) {
            throw new AssertionError("the service exists");
        }

        @Override
        public void update(final SwarmService current, final SwarmServiceRequest request) {
            requests.add(request);
            boolean back = outcome == SwarmService.UpdateState.ROLLBACK_COMPLETED;
            service = service(back ? "1.0.0" : "1.1.0", back ? OLD : NEW, outcome);
        }

        @Override
        public void rollback(final SwarmService current) {
            rollbacks++;
            service = service("1.0.0", OLD, SwarmService.UpdateState.ROLLBACK_COMPLETED);
        }

        @Override
        public List<SwarmTask> tasks(final String serviceId) {
            return List.of(new SwarmTask("t1", 1, service.getImage(), "running", "running", "c1", null),
                    new SwarmTask("t2", 2, service.getImage(), "running", "running", "c2", null));
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
