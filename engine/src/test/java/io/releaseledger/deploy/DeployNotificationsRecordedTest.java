package io.releaseledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.notify.Attempts;
import io.releaseledger.notify.MailNotifier;
import io.releaseledger.notify.MailTarget;
import io.releaseledger.notify.NotificationDelivery;
import io.releaseledger.notify.NotificationEvent;
import io.releaseledger.notify.NotificationKind;
import io.releaseledger.notify.NotificationRecord;
import io.releaseledger.notify.Notifier;
import io.releaseledger.notify.Notifiers;
import io.releaseledger.notify.SmtpTransport;
import io.releaseledger.notify.WebhookFormat;
import io.releaseledger.notify.WebhookNotifier;
import io.releaseledger.notify.WebhookTarget;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import io.releaseledger.testing.SmtpReceiver;
import io.releaseledger.testing.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each notification round of a deploy leaves one {@code notification.sent} or {@code notification.failed} in the
 * ledger, against real local receivers: the targets by name only, never a URL, token or address.
 */
class DeployNotificationsRecordedTest {
    private static final String TOKEN = "T0001/B0002/tokenXYZsecret42";
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
            """, "notifications release-ledger.yaml");

    @TempDir
    Path temp;

    private final Messages messages = new Messages();
    private Ledger ledger;

    @BeforeEach
    void openTheLedger() {
        ledger = Ledger.open(temp.resolve("ledger"), "shop");
    }

    @AfterEach
    void closeTheLedger() {
        ledger.close();
    }

    @Test
    void shouldRecordEachRoundWithTheWebhooksByNameAndNeverTheirUrlOrToken() throws IOException {
        try (WebhookReceiver audit = new WebhookReceiver(); WebhookReceiver ops = new WebhookReceiver().answering(() -> 500)) {
            URI secretUrl = ops.url("/services/" + TOKEN);
            WebhookNotifier webhooks = new WebhookNotifier(List.of(
                    new WebhookTarget("audit", audit.url("/hook"), WebhookFormat.JSON),
                    new WebhookTarget("ops", secretUrl, WebhookFormat.SLACK)))
                    .setAttempts(Attempts.upTo(2).withFirstBackoff(Duration.ofMillis(5))).setMessages(messages);

            deploy(webhooks, new Executor(null)).call();

            List<LedgerEvent> notifications = notifications();
            assertThat(notifications).extracting(LedgerEvent::getType)
                    .containsExactly(EventTypes.NOTIFICATION_FAILED, EventTypes.NOTIFICATION_FAILED);
            assertThat(notifications).extracting(event -> event.getData().get("event"))
                    .containsExactly("deploy.started", "deploy.succeeded");
            Map<String, Object> data = notifications.get(1).getData();
            assertThat(data).containsEntry("application", "shop").containsEntry("version", "2.0.0")
                    .containsEntry("delivered", 1L).containsEntry("failed", 1L)
                    .containsEntry("summary", "notification failed: webhook ops (HTTP 500 after 2 attempts); 1 delivered");
            assertThat(notifications.get(1).getEnvironment()).isEqualTo("web");
            assertThat(data.get("targets")).isEqualTo(List.of(
                    Map.of("kind", "webhook", "name", "audit", "delivered", true, "attempts", 1L),
                    Map.of("kind", "webhook", "name", "ops", "delivered", false, "attempts", 2L,
                            "reason", "HTTP 500 after 2 attempts")));
            assertThat(ledgerFiles()).doesNotContain(TOKEN, secretUrl.toString(), "/services/");
        }
    }

    @Test
    void shouldRecordAConnectionFailureWithoutTheUrlThatCarriesTheToken() throws IOException {
        URI closed;
        try (WebhookReceiver gone = new WebhookReceiver()) {
            closed = gone.url("/services/" + TOKEN);
        }
        WebhookNotifier webhooks = new WebhookNotifier(List.of(new WebhookTarget("chat", closed, WebhookFormat.SLACK)))
                .setAttempts(Attempts.upTo(2).withFirstBackoff(Duration.ofMillis(5))).setMessages(messages);

        deploy(webhooks, new Executor(null)).call();

        assertThat(notifications()).hasSize(2).allSatisfy(event -> {
            assertThat(event.getType()).isEqualTo(EventTypes.NOTIFICATION_FAILED);
            assertThat((String) event.getData().get("summary")).startsWith("notification failed: webhook chat (");
        });
        assertThat(ledgerFiles()).doesNotContain(TOKEN, closed.toString(), "/services/");
    }

    @Test
    void shouldRecordTheFailedDeploysNotificationAndStillFailTheDeployForItsOwnReason() throws IOException {
        try (WebhookReceiver audit = new WebhookReceiver()) {
            WebhookNotifier webhooks = new WebhookNotifier(List.of(
                    new WebhookTarget("audit", audit.url("/hook"), WebhookFormat.JSON))).setMessages(messages);

            assertThatThrownBy(() -> deploy(webhooks, new Executor("the health gate failed")).call())
                    .hasMessage("the health gate failed");

            List<LedgerEvent> notifications = notifications();
            assertThat(notifications).extracting(LedgerEvent::getType)
                    .containsExactly(EventTypes.NOTIFICATION_SENT, EventTypes.NOTIFICATION_SENT);
            assertThat(notifications.get(1).getData()).containsEntry("event", "deploy.failed")
                    .containsEntry("summary", "notified: 1 delivered");
        }
    }

    @Test
    void shouldRecordMailByTheNumberOfRecipientsNeverTheirAddresses() throws IOException {
        try (SmtpReceiver smtp = new SmtpReceiver(); WebhookReceiver audit = new WebhookReceiver()) {
            Notifier both = Notifiers.all(List.of(
                    new MailNotifier(List.of(new MailTarget(List.of("alice.oncall@example.com", "bob.ops@example.com"),
                            Set.of(), Set.of())), new SmtpTransport("127.0.0.1", smtp.port(), "rl@example.com"))
                            .setMessages(messages),
                    new WebhookNotifier(List.of(new WebhookTarget("audit", audit.url("/hook"), WebhookFormat.JSON)))
                            .setMessages(messages)));

            deploy(both, new Executor(null)).call();

            assertThat(smtp.mails()).hasSize(2);
            LedgerEvent succeeded = notifications().get(1);
            assertThat(succeeded.getType()).isEqualTo(EventTypes.NOTIFICATION_SENT);
            assertThat(succeeded.getData()).containsEntry("summary", "notified: 2 delivered");
            assertThat(succeeded.getData().get("targets")).asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.LIST).contains(Map.of("kind", "mail", "name", "to 2 recipients", "delivered", true, "attempts", 1L));
            assertThat(ledgerFiles()).doesNotContain("alice.oncall", "bob.ops", "@example.com");
        }
    }

    @Test
    void shouldRecordNothingWhenNoTargetWantsTheEvent() {
        WebhookNotifier failuresOnly = new WebhookNotifier(List.of(new WebhookTarget("ops",
                URI.create("http://127.0.0.1:9/hook"), WebhookFormat.JSON, Set.of(NotificationKind.DEPLOY_FAILED))));

        deploy(failuresOnly, new Executor(null)).call();

        assertThat(notifications()).isEmpty();
    }

    @Test
    void shouldShowTheLastOutcomePerEnvironmentForThePage() throws IOException {
        try (WebhookReceiver ops = new WebhookReceiver().answering(() -> 503)) {
            deploy(new WebhookNotifier(List.of(new WebhookTarget("ops", ops.url("/hook"), WebhookFormat.JSON)))
                    .setAttempts(Attempts.upTo(3).withFirstBackoff(Duration.ofMillis(5))).setMessages(messages),
                    new Executor(null))
                    .call();

            Map<String, Object> state = NotificationOutcomes.withNotifications(ledger.view(), ledger.view().state());

            assertThat(state).containsKey("environments");
            @SuppressWarnings("unchecked")
            Map<String, Object> web = (Map<String, Object>) ((Map<String, Object>) state.get("notifications")).get("web");
            assertThat(web).containsEntry("type", EventTypes.NOTIFICATION_FAILED).containsEntry("failed", true)
                    .containsEntry("version", "2.0.0")
                    .containsEntry("summary", "notification failed: webhook ops (HTTP 503 after 3 attempts)");
        }
    }

    @Test
    void shouldWarnAndNotThrowWhenTheLedgerCannotTakeTheRecord() {
        Ledger closed = Ledger.open(temp.resolve("other"), "shop");
        closed.close();
        NotificationEvent event = new NotificationEvent(NotificationKind.DEPLOY_FAILED, "shop", "web", "2.0.0");

        NotificationLedger.record(closed, "web", new Actor("alice", null), Origin.cli("alice", "test"),
                new NotificationRecord(event, List.of(new NotificationDelivery("webhook", "ops", false, 3, "HTTP 500"))),
                messages);

        assertThat(messages.getAll()).extracting(Message::toString).singleElement().asString()
                .contains("was not recorded in the ledger", "notification failed: webhook ops (HTTP 500)");
    }

    private DeployCommand deploy(final Notifier notifier, final Executor executor) {
        return new DeployCommand(DESCRIPTOR, "web", "2.0.0", ledger, executor).setActor(new Actor("alice", null))
                .setOrigin(Origin.cli("alice", "test")).setLockTimeout(Duration.ZERO).setMessages(messages)
                .setNotifier(notifier);
    }

    private List<LedgerEvent> notifications() {
        return ledger.events("web").stream().filter(event -> event.getType().startsWith("notification.")).toList();
    }

    /** Everything the ledger wrote: journal, checkpoint, marks. */
    private String ledgerFiles() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(all).as("the ledger was written").contains("notification.");
        return all.toString();
    }

    /** Plans a digest on no host; executes by recording success, or fails with {@code failure}. */
    private static final class Executor implements DeploymentExecutor {
        private final String failure;

        Executor(final String failure) {
            this.failure = failure;
        }

        @Override
        public DeploymentPlan plan(final PlanRequest request) {
            return new DeploymentPlan(UUID.randomUUID().toString(), "shop", request.getEnvironment(),
                    request.getVersion(), null, "127.0.0.1:5000/shop", request.getVersion(),
                    "sha256:" + "2".repeat(64), "rolling", List.of());
        }

        @Override
        public DeploymentResult execute(final DeploymentPlan plan, final String lockId,
                final DeploymentRecorder recorder) {
            if (failure != null) {
                throw new DeploymentException(failure);
            }
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
