package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.deploy.NotificationLedger;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.notify.Attempts;
import io.releaseledger.notify.NotificationEvent;
import io.releaseledger.notify.NotificationKind;
import io.releaseledger.notify.NotificationRecord;
import io.releaseledger.notify.WebhookFormat;
import io.releaseledger.notify.WebhookNotifier;
import io.releaseledger.notify.WebhookTarget;
import io.releaseledger.report.Messages;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.testing.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The last notification outcome of each environment on the Releases page in real headless Chromium, as the
 * ledger recorded it after a real webhook receiver failed: which webhook, why, never its URL.
 */
@RequiresRealComponent(Component.CHROMIUM)
class NotificationsPageBrowserTest {
    private static final String TOKEN = "T0001/B0002/tokenXYZsecret42";

    @TempDir
    Path root;

    @RegisterExtension
    final BrowserFixture browser = new BrowserFixture();

    private ServeFixture serve;
    private ChromeDriver driver;

    @BeforeEach
    void start() throws IOException {
        Actor alice = new Actor("alice", "Alice Example");
        Origin origin = Origin.cli("alice", "laptop");
        try (Ledger ledger = Ledger.open(root, "shop");
                WebhookReceiver ops = new WebhookReceiver().answering(() -> 500);
                WebhookReceiver audit = new WebhookReceiver()) {
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, alice, origin).setEnvironment("production")
                    .setData(Map.of("deploymentId", "p-1", "version", "1.1.0")));
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, alice, origin).setEnvironment("production")
                    .setData(Map.of("deploymentId", "p-1", "version", "1.1.0")));
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, alice, origin).setEnvironment("staging")
                    .setData(Map.of("deploymentId", "s-1", "version", "1.2.0")));
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, alice, origin).setEnvironment("staging")
                    .setData(Map.of("deploymentId", "s-1", "version", "1.2.0")));
            WebhookNotifier webhooks = new WebhookNotifier(List.of(
                    new WebhookTarget("ops", ops.url("/services/" + TOKEN), WebhookFormat.SLACK),
                    new WebhookTarget("audit", audit.url("/hook"), WebhookFormat.JSON)))
                    .setAttempts(Attempts.upTo(3).withFirstBackoff(Duration.ofMillis(5)));
            NotificationEvent failed = new NotificationEvent(NotificationKind.DEPLOY_FAILED, "shop", "production",
                    "1.2.0");
            NotificationLedger.record(ledger, "production", alice, origin,
                    new NotificationRecord(failed, webhooks.send(failed)), new Messages());
            NotificationEvent succeeded = new NotificationEvent(NotificationKind.DEPLOY_SUCCEEDED, "shop", "staging",
                    "1.2.0");
            NotificationLedger.record(ledger, "staging", alice, origin, new NotificationRecord(succeeded,
                    new WebhookNotifier(List.of(new WebhookTarget("audit", audit.url("/hook"), WebhookFormat.JSON)))
                            .send(succeeded)), new Messages());
        }
        serve = browser.serve(root);
        driver = browser.driver();
    }

    @Test
    void shouldShowTheFailedNotificationOnTheEnvironmentsCardWithoutTheWebhooksUrl() {
        driver.get(serve.uri().toString());
        browser.await("the page loaded", () -> browser.count("#release-ledger[data-loaded='true'] .rl-env") == 2);

        WebElement production = driver.findElement(By.cssSelector(".rl-env[data-environment='production']"));
        WebElement failed = production.findElement(By.cssSelector(".rl-notification.rl-notification-failed"));
        assertThat(failed.getText()).startsWith("notification failed: webhook ops "
                + "(HTTP 500 after 3 attempts); 1 delivered (1.2.0, ");
        WebElement staging = driver.findElement(By.cssSelector(".rl-env[data-environment='staging']"));
        assertThat(staging.findElement(By.cssSelector(".rl-notification")).getText())
                .startsWith("notified: 1 delivered (1.2.0, ");
        assertThat(staging.findElements(By.cssSelector(".rl-notification-failed"))).isEmpty();

        assertThat(driver.getPageSource()).doesNotContain(TOKEN).doesNotContain("/services/");
        assertThat(serve.get("api/state").body()).doesNotContain(TOKEN);
        browser.assertNoConsoleErrors();
    }

    @Test
    void shouldListTheNotificationInTheEnvironmentsHistory() {
        Map<String, Object> history = Json.parseObject(serve.get("api/history?environment=production").body());

        @SuppressWarnings("unchecked")
        Map<String, Object> newest = (Map<String, Object>) ((List<Object>) history.get("entries")).get(0);
        assertThat(newest).containsEntry("type", EventTypes.NOTIFICATION_FAILED).containsEntry("failed", true)
                .containsEntry("reason", "notification failed: webhook ops (HTTP 500 after 3 attempts); 1 delivered");
    }
}
