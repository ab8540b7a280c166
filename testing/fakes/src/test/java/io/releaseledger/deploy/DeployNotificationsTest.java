package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.json.Json;
import io.releaseledger.notify.NotificationEvent;
import io.releaseledger.notify.NotificationKind;
import io.releaseledger.notify.WebhookFormat;
import io.releaseledger.notify.WebhookNotifier;
import io.releaseledger.testing.WebhookReceiver;
import io.releaseledger.notify.WebhookTarget;
import io.releaseledger.policy.ApprovalRule;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.rollout.LocalDeploymentExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys, failures and rollbacks tell the notifier; a notifier that throws changes nothing of the deploy. */
class DeployNotificationsTest {
    @TempDir
    Path temp;

    private FakeWorld world;
    private final List<NotificationEvent> sent = new ArrayList<>();

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private List<String> kinds() {
        return sent.stream().map(event -> event.getKind() + " " + event.getVersion()).toList();
    }

    private FakeWorld world() throws Exception {
        world = new FakeWorld(temp, 1, false);
        world.strategy = "recreate";
        world.publish("1.0.0").publish("1.1.0");
        return world;
    }

    @Test
    void shouldTellWhenADeployStartsAndSucceeds() throws Exception {
        world().deploy("1.0.0").setNotifier(sent::add).call();

        assertThat(kinds()).containsExactly("DEPLOY_STARTED 1.0.0", "DEPLOY_SUCCEEDED 1.0.0");
        assertThat(sent.get(1).getApplication()).isEqualTo(FakeWorld.APPLICATION);
        assertThat(sent.get(1).getEnvironment()).isEqualTo("web");
        assertThat(sent.get(1).getActor()).isEqualTo("alice");
    }

    @Test
    void shouldTellWhenADeployFailsWithItsReason() throws Exception {
        world().deploy("1.0.0").call();

        assertThatThrownBy(() -> world.deploy("2.0.0").setNotifier(sent::add).call()).isInstanceOf(DeploymentException.class);

        // 2.0.0 was never pushed: the plan (by digest) is made and recorded, pulling the image fails.
        assertThat(kinds()).containsExactly("DEPLOY_STARTED 2.0.0", "DEPLOY_FAILED 2.0.0");
        assertThat(sent.get(1).getReason()).contains("manifest unknown");
    }

    @Test
    void shouldTellARollbackWithItsReason() throws Exception {
        world().deploy("1.0.0").call();
        world.deploy("1.1.0").call();

        new RollbackCommand(world.descriptor(), "web", "checkout broken", world.ledger,
                new LocalDeploymentExecutor(world.descriptor(), null).setTargets(world.targets())
                        .setStopTimeout(Duration.ofSeconds(1)))
                .setDeployOptions(deploy -> deploy.setLockTimeout(Duration.ZERO).setNotifier(sent::add)).call();

        assertThat(kinds()).containsExactly("DEPLOY_STARTED 1.0.0", "ROLLED_BACK 1.0.0");
        assertThat(sent.get(1).getReason()).isEqualTo("from 1.1.0: checkout broken");
    }

    @Test
    void shouldDeployEvenWhenTheNotifierThrows() throws Exception {
        world().deploy("1.0.0").setNotifier(event -> {
            throw new IllegalStateException("a broken notifier");
        }).call();

        assertThat(world.current()).containsEntry("version", "1.0.0");
        assertThat(world.messages.getAll()).extracting(Object::toString)
                .anyMatch(message -> message.contains("not sent") && message.contains("a broken notifier"));
    }

    @Test
    void shouldTellAWebhookOnceThatADeployNeedsApproval() throws Exception {
        world().deploy("1.0.0").call();
        EnvironmentPolicy policy = new EnvironmentPolicy("web").setApprovals(new ApprovalRule(1, List.of("bob")));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhookNotifier notifier = new WebhookNotifier(List.of(new WebhookTarget("ops", receiver.url("/hook"),
                    WebhookFormat.JSON))).setMessages(world.messages);

            assertThatThrownBy(() -> world.deploy("1.1.0").setPolicy(policy).setNotifier(notifier).call())
                    .isInstanceOf(ApprovalPendingException.class);
            assertThatThrownBy(() -> world.deploy("1.1.0").setPolicy(policy).setNotifier(notifier).call())
                    .as("a step that waits asks again").isInstanceOf(ApprovalPendingException.class);

            assertThat(receiver.bodies()).as("told once per release and requester").hasSize(1);
            Map<String, Object> body = Json.parseObject(receiver.bodies().get(0));
            assertThat(body).containsEntry("event", "approval.needed").containsEntry("application",
                    FakeWorld.APPLICATION).containsEntry("environment", "web").containsEntry("version", "1.1.0")
                    .containsEntry("actor", "alice");
            assertThat((String) body.get("reason")).contains("0 of 1 approvals; waiting for 1 more from bob");
            assertThat((String) body.get("summary")).contains("needs approval for");
        }
    }
}
