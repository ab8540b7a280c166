package io.releaseledger.deploy;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.LockResult;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.ApprovalRule;
import io.releaseledger.policy.EnvironmentPolicy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How often a deploy asks its executor for a plan, counted on an executor that only plans and records. */
class DeployCommandPlanningTest {
    private static final String VERSION = "2.0.0";
    private static final String DIGEST = "sha256:" + "2".repeat(64);
    private static final ReleaseDescriptor DESCRIPTOR = DescriptorLoader.parse("""
            schemaVersion: 1
            application: shop
            image: 127.0.0.1:5000/shop
            environments:
              - name: web
                hosts:
                  - {url: "tcp://127.0.0.1:2375", name: h, address: 127.0.0.1}
                container: {network: host}
                instances: {count: 1, ports: [18001]}
            """, "planning release-ledger.yaml");
    private static final EnvironmentPolicy ONE_APPROVAL = new EnvironmentPolicy("web")
            .setApprovals(new ApprovalRule(1, List.of("bob")));

    @TempDir
    Path temp;

    private Ledger ledger;
    private CountingExecutor executor;

    @BeforeEach
    void openTheLedger() {
        ledger = Ledger.open(temp.resolve("ledger"), "shop");
        executor = new CountingExecutor();
    }

    @AfterEach
    void closeTheLedger() {
        ledger.close();
    }

    @Test
    void shouldPlanOnceWithoutApprovals() {
        deploy().call();

        assertThat(executor.requests).hasSize(1);
    }

    @Test
    void shouldPlanOnceWhileWaitingForApprovalAndOnceWhenApproved() {
        waitForApproval();

        DeploymentResult result = deploy().setPolicy(ONE_APPROVAL).call();

        assertThat(executor.requests).as("the plan of the approved digest is the plan deployed").hasSize(1);
        assertThat(executor.requests.get(0).getConfigurationKey()).isEqualTo(ledger.configurationKey());
        assertThat(executor.executed).containsExactly(executor.plans.get(0));
        assertThat(result.getPlan().getDigest()).isEqualTo(DIGEST);
        assertThat(started().get("deploymentId")).isEqualTo(executor.plans.get(0).getDeploymentId());
    }

    @Test
    void shouldPlanTheApprovedDigestAgainWhenAnotherDeployRanBeforeTheLock() {
        waitForApproval();
        // Another process deploys to web between this deploy's plan and its lock: what runs may have changed.
        executor.afterFirstPlan = () -> {
            LockResult other = ledger.lock("web", "1.9.0", "deploy 1.9.0", new Actor("carol", null),
                    Origin.cli("carol", "elsewhere"));
            ledger.unlock("web", other.getLockId(), new Actor("carol", null), Origin.cli("carol", "elsewhere"));
        };

        deploy().setPolicy(ONE_APPROVAL).call();

        assertThat(executor.requests).hasSize(2);
        assertThat(executor.requests.get(1).getDigest()).as("the digest approved").isEqualTo(DIGEST);
        assertThat(executor.executed).containsExactly(executor.plans.get(1));
    }

    /** A deploy that waits for bob's approval (planned once, to learn the digest to approve), then bob approves. */
    private void waitForApproval() {
        assertThatThrownBy(() -> deploy().setPolicy(ONE_APPROVAL).call()).isInstanceOf(ApprovalPendingException.class);
        assertThat(executor.requests).hasSize(1);
        new ApproveCommand(ledger, ONE_APPROVAL, VERSION, true).setActor(new Actor("bob", null))
                .setOrigin(Origin.cli("bob", "test")).call();
        executor.requests.clear();
        executor.plans.clear();
    }

    private DeployCommand deploy() {
        return new DeployCommand(DESCRIPTOR, "web", VERSION, ledger, executor).setActor(new Actor("alice", null))
                .setOrigin(Origin.cli("alice", "test")).setLockTimeout(Duration.ZERO);
    }

    private Map<String, Object> started() {
        List<LedgerEvent> started = ledger.events("web").stream()
                .filter(event -> EventTypes.DEPLOYMENT_STARTED.equals(event.getType())).toList();
        assertThat(started).hasSize(1);
        return started.get(0).getData();
    }

    /** Plans the digest {@link #DIGEST} (or the one asked for) on no host; executes by recording nothing. */
    private static final class CountingExecutor implements DeploymentExecutor {
        final List<PlanRequest> requests = new ArrayList<>();
        final List<DeploymentPlan> plans = new ArrayList<>();
        final List<DeploymentPlan> executed = new ArrayList<>();
        Runnable afterFirstPlan = () -> { };

        @Override
        public DeploymentPlan plan(final PlanRequest request) {
            requests.add(request);
            DeploymentPlan plan = new DeploymentPlan(UUID.randomUUID().toString(), "shop", request.getEnvironment(),
                    request.getVersion(), null, "127.0.0.1:5000/shop", request.getDigest() == null ? VERSION : null,
                    request.getDigest() == null ? DIGEST : request.getDigest(), "rolling", List.of());
            plans.add(plan);
            if (plans.size() == 1) {
                afterFirstPlan.run();
            }
            return plan;
        }

        @Override
        public DeploymentResult execute(final DeploymentPlan plan, final String lockId,
                final DeploymentRecorder recorder) {
            executed.add(plan);
            return new DeploymentResult(plan, Duration.ZERO);
        }

        @Override
        public void reconcile(final DeploymentPlan plan, final DeploymentRecorder recorder) {
            throw new AssertionError("nothing to reconcile");
        }

        @Override
        public List<String> tagImage(final DeploymentPlan plan, final List<String> tags) {
            return List.of();
        }
    }
}
