package io.releaseledger.notify;

import io.releaseledger.testing.WebhookReceiver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.releaseledger.json.Json;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
    private static final String TOKEN = "T000/B000/XXXXsecretXXXX";

    private final Messages messages = new Messages();

    /** A short first wait keeps the tests quick. */
    private static Attempts quickly(final int maxAttempts) {
        return Attempts.upTo(maxAttempts).withFirstBackoff(Duration.ofMillis(10));
    }

    private static NotificationEvent failed() {
        return new NotificationEvent(NotificationKind.DEPLOY_FAILED, "shop", "production", "1.5.0")
                .setActor("alice").setLink("https://ci.example/job/shop/12/").setReason("health gate failed");
    }

    private List<String> warnings() {
        return messages.getAll().stream().map(Message::toString).toList();
    }

    @Test
    void shouldPostTheGenericJsonBody() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            new WebhookNotifier(List.of(new WebhookTarget("audit", receiver.url("/hook"), WebhookFormat.JSON)))
                    .setMessages(messages).notify(failed());

            assertThat(receiver.bodies()).hasSize(1);
            Map<String, Object> body = Json.parseObject(receiver.bodies().get(0));
            assertThat(body).containsEntry("event", "deploy.failed").containsEntry("application", "shop")
                    .containsEntry("environment", "production").containsEntry("version", "1.5.0")
                    .containsEntry("actor", "alice").containsEntry("reason", "health gate failed")
                    .containsEntry("link", "https://ci.example/job/shop/12/");
            assertThat(messages.getAll()).isEmpty();
        }
    }

    @Test
    void shouldPostASlackBodyWithMarkupEscaped() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            new WebhookNotifier(List.of(new WebhookTarget("chat", receiver.url("/services/x"), WebhookFormat.SLACK)))
                    .setMessages(messages).notify(failed().setReason("<!channel> & co"));

            Map<String, Object> body = Json.parseObject(receiver.bodies().get(0));
            assertThat(body).containsOnlyKeys("text");
            assertThat((String) body.get("text")).contains("shop 1.5.0", "alice failed to deploy production",
                    "&lt;!channel&gt; &amp; co", "<https://ci.example/job/shop/12/|details>").doesNotContain("<!channel>");
        }
    }

    @Test
    void shouldRetryServerErrorsWithBackoff() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver().answering(() -> calls.incrementAndGet() < 3 ? 500 : 204)) {
            new WebhookNotifier(List.of(new WebhookTarget("audit", receiver.url("/hook"), WebhookFormat.JSON)))
                    .setAttempts(quickly(4)).setMessages(messages).notify(failed());

            assertThat(receiver.bodies()).hasSize(3);
            assertThat(messages.getAll()).isEmpty();
        }
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWithAWarningThatNamesTheWebhookNotItsUrl() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(() -> 500)) {
            URI url = receiver.url("/services/" + TOKEN);
            new WebhookNotifier(List.of(new WebhookTarget("ops", url, WebhookFormat.SLACK)))
                    .setAttempts(quickly(3)).setMessages(messages).notify(failed());

            assertThat(receiver.bodies()).hasSize(3);
            assertThat(warnings()).singleElement().asString()
                    .contains("Webhook ops was not notified of deploy.failed", "HTTP 500 after 3 attempts", "the deploy goes on")
                    .doesNotContain(TOKEN).doesNotContain(url.toString());
        }
    }

    @Test
    void shouldNotRetryAClientError() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(() -> 404)) {
            new WebhookNotifier(List.of(new WebhookTarget("audit", receiver.url("/gone"), WebhookFormat.JSON)))
                    .setAttempts(quickly(4)).setMessages(messages).notify(failed());

            assertThat(receiver.bodies()).hasSize(1);
            assertThat(warnings()).singleElement().asString().contains("HTTP 404");
        }
    }

    @Test
    void shouldReturnWithinItsBoundWhileAReceiverHangs() throws IOException {
        try (WebhookReceiver hanging = new WebhookReceiver().hanging(); WebhookReceiver fine = new WebhookReceiver()) {
            WebhookNotifier notifier = new WebhookNotifier(List.of(
                    new WebhookTarget("stuck", hanging.url("/hook"), WebhookFormat.JSON),
                    new WebhookTarget("audit", fine.url("/hook"), WebhookFormat.JSON)))
                    .setAttemptTimeout(Duration.ofMillis(300)).setTotalTimeout(Duration.ofSeconds(1))
                    .setAttempts(quickly(4)).setMessages(messages);

            // The hanging receiver answers only when closed, after this returned: without the bound it never would.
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> notifier.notify(failed()));

            assertThat(fine.bodies()).hasSize(1);
            assertThat(hanging.bodies()).isNotEmpty();
            assertThat(warnings()).singleElement().asString().contains("Webhook stuck was not notified");
        }
    }

    @Test
    void shouldNotThrowWhenNobodyListens() throws IOException {
        URI closed;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            closed = receiver.url("/hook");
        }
        new WebhookNotifier(List.of(new WebhookTarget("gone", closed, WebhookFormat.JSON)))
                .setAttempts(quickly(2)).setMessages(messages).notify(failed());

        assertThat(warnings()).singleElement().asString().contains("Webhook gone was not notified", "after 2 attempts");
    }

    @Test
    void shouldMaskSecretsAndTheWebhookUrlInEveryBody() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            URI url = receiver.url("/services/" + TOKEN);
            new WebhookNotifier(List.of(new WebhookTarget("ops", url, WebhookFormat.JSON)))
                    .setMasked(List.of("hunter2-password")).setMessages(messages)
                    .notify(failed().setReason("login with hunter2-password failed; see " + url));

            assertThat(receiver.bodies()).singleElement().asString()
                    .doesNotContain("hunter2-password").doesNotContain(TOKEN).contains("login with **** failed; see ****");
        }
    }

    @Test
    void shouldSendOnlyTheEventsAWebhookWants() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhookNotifier notifier = new WebhookNotifier(List.of(new WebhookTarget("ops", receiver.url("/hook"),
                    WebhookFormat.JSON, EnumSet.of(NotificationKind.DEPLOY_FAILED))));
            notifier.notify(new NotificationEvent(NotificationKind.DEPLOY_STARTED, "shop", "production", "1.5.0"));
            notifier.notify(failed());

            assertThat(receiver.bodies()).singleElement().asString().contains("deploy.failed");
        }
    }
}
