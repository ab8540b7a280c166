package io.releaseledger.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationSettingsTest {
    @TempDir
    Path root;

    @Test
    void shouldMeanNoNotificationsWithoutAFile() {
        NotificationSettings settings = NotificationSettings.load(root, name -> null);

        assertThat(settings.getWebhooks()).isEmpty();
        assertThat(settings.notifier(new io.releaseledger.report.Messages(), java.util.List.of())).isSameAs(Notifier.NONE);
    }

    @Test
    void shouldReadWebhooksWithUrlsFromTheFileOrTheEnvironment() throws IOException {
        Files.writeString(root.resolve("notifications.json"), """
                {"webhooks": [{"name": "ops", "urlEnv": "OPS_HOOK", "format": "slack", "events": ["deploy.failed"]},
                              {"name": "audit", "url": "https://audit.example/hook"}],
                 "totalTimeoutSeconds": 5, "attempts": 2}
                """);

        NotificationSettings settings = NotificationSettings.load(root,
                Map.of("OPS_HOOK", "https://hooks.example/services/T/B/secret")::get);

        assertThat(settings.getWebhooks()).extracting(WebhookTarget::getName).containsExactly("ops", "audit");
        WebhookTarget ops = settings.getWebhooks().get(0);
        assertThat(ops.getFormat()).isEqualTo(WebhookFormat.SLACK);
        assertThat(ops.wants(NotificationKind.DEPLOY_FAILED)).isTrue();
        assertThat(ops.wants(NotificationKind.DEPLOY_STARTED)).isFalse();
        assertThat(settings.getWebhooks().get(1).wants(NotificationKind.APPROVAL_NEEDED)).isTrue();
        assertThat(settings.getTotalTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.getAttempts()).isEqualTo(2);
    }

    @Test
    void shouldRefuseABadFileAsAWholeWithoutShowingAUrl() throws IOException {
        Files.writeString(root.resolve("notifications.json"), """
                {"webhooks": [{"name": "ops", "url": "ftp://hooks.example/secret-token"},
                              {"url": "https://x.example/"},
                              {"name": "chat", "url": "https://chat.example/", "format": "teams", "events": ["deploy.done"]},
                              {"name": "env", "urlEnv": "MISSING"}],
                 "totalTimeoutSeconds": 3600}
                """);

        assertThatThrownBy(() -> NotificationSettings.load(root, name -> null))
                .isInstanceOf(NotificationSettingsException.class)
                .hasMessageContaining("webhook 'ops': the URL must be http:// or https://")
                .hasMessageContaining("webhooks[1] needs a name")
                .hasMessageContaining("webhook 'chat': format must be json or slack")
                .hasMessageContaining("the environment variable MISSING is not set")
                .hasMessageContaining("totalTimeoutSeconds must be between 1 and 120")
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void shouldRefuseAFileThatIsNotJson() throws IOException {
        Files.writeString(root.resolve("notifications.json"), "webhooks: []");

        assertThatThrownBy(() -> NotificationSettings.load(root, name -> null))
                .isInstanceOf(NotificationSettingsException.class).hasMessageContaining("is not a JSON object");
    }
}
