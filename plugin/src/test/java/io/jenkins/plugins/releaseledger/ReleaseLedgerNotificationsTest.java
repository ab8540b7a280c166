package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.agent.SecretMask;
import io.releaseledger.notify.NotificationKind;
import io.releaseledger.notify.Notifier;
import io.releaseledger.report.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller's webhooks become a build's notifier; a broken one is left out with a warning that shows no URL. */
class ReleaseLedgerNotificationsTest {
    @Test
    void shouldMeanNoNotificationsWithoutWebhooks() {
        assertThat(ReleaseLedgerNotifications.notifier(List.of(), 15, new Messages(), new SecretMask(List.of())))
                .isSameAs(Notifier.NONE);
    }

    @Test
    void shouldHaveAConfigurableBoundAndNoSecretInItsDescription() throws Exception {
        // The URL is a Secret: a hudson.util.Secret field is stored encrypted and shown as a password field.
        assertThat(NotificationWebhook.class.getDeclaredField("url").getType()).isEqualTo(hudson.util.Secret.class);
        assertThat(ReleaseLedgerNotifications.MAX_TIMEOUT).isEqualTo(120);
    }

    @Test
    void shouldNameTheProblemsOfAWebhookWithoutItsUrl() {
        List<String> problems = NotificationWebhook.problems("", "ftp://hooks.example/T0/secret-token", "teams",
                "deploy.failed deploy.done");

        assertThat(problems).containsExactly("a webhook needs a name (messages name the webhook, never its URL)",
                "webhook '': the URL must be http:// or https:// with a host",
                "webhook '': format must be json or slack", "webhook '': unknown event 'deploy.done'");
        assertThat(String.join(" ", problems)).doesNotContain("secret-token");
        assertThat(NotificationWebhook.problems("ops", "https://hooks.example/T0/secret-token", "slack",
                "deploy.failed, deploy.rolledback")).isEmpty();
    }

    @Test
    void shouldReadTheEventsAWebhookWants() {
        assertThat(NotificationWebhook.kinds("deploy.failed, deploy.rolledback"))
                .containsExactlyInAnyOrder(NotificationKind.DEPLOY_FAILED, NotificationKind.ROLLED_BACK);
        assertThat(NotificationWebhook.kinds("")).isEmpty();
    }
}
