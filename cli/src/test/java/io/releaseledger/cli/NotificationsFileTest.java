package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.report.Messages;
import io.releaseledger.testing.WebhookReceiver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notifications.json beside the ledgers: a bad one is refused before anything is locked or deployed; a good one's
 * outcome is in the ledger when the command has returned.
 */
class NotificationsFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseABadNotificationsFileBeforeDeployingAndShowNoUrl() throws IOException {
        Files.writeString(dir.resolve("release-ledger.yaml"), "schemaVersion: 1\n"
                + "application: shop\n"
                + "image: 127.0.0.1:5000/rltest/shop\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts: [unix:///nonexistent/docker.sock]\n"
                + "    strategy: recreate\n", StandardCharsets.UTF_8);
        Path ledgerRoot = Files.createDirectories(dir.resolve("ledgers"));
        Files.writeString(ledgerRoot.resolve("notifications.json"),
                "{\"webhooks\": [{\"name\": \"ops\", \"url\": \"ftp://hooks.example/T0/secret-token\"}]}");

        Cli.Result result = Cli.plain().run("deploy", "-C", dir.toString(), "--ledger", ledgerRoot.toString(),
                "--environment", "dev", "--version", "1.0.0", "--digest", "sha256:" + "a".repeat(64));

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.toString()).contains("notifications.json").contains("webhook 'ops'")
                .contains("http:// or https://").doesNotContain("secret-token");
        Path journal = ledgerRoot.resolve("shop").resolve("events.jsonl");
        assertThat(!Files.exists(journal) || Files.size(journal) == 0).as("nothing recorded").isTrue();
    }

    @Test
    void shouldRecordTheOutcomeOfTheFailedDeploysNotificationBeforeTheCommandEndsAndNeverTheUrl() throws IOException {
        Files.writeString(dir.resolve("release-ledger.yaml"), "schemaVersion: 1\n"
                + "application: shop\n"
                + "image: 127.0.0.1:5000/rltest/shop\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts: [unix:///nonexistent/docker.sock]\n"
                + "    strategy: recreate\n", StandardCharsets.UTF_8);
        Path ledgerRoot = Files.createDirectories(dir.resolve("ledgers"));
        try (WebhookReceiver ops = new WebhookReceiver().answering(() -> 500)) {
            String url = ops.url("/services/T0/B0/secret-token-42").toString();
            Files.writeString(ledgerRoot.resolve("notifications.json"), "{\"webhooks\": [{\"name\": \"ops\", \"url\": \""
                    + url + "\", \"format\": \"slack\"}], \"attempts\": 2}");

            Cli.Result result = Cli.plain().run("deploy", "-C", dir.toString(), "--ledger", ledgerRoot.toString(),
                    "--environment", "dev", "--version", "1.0.0", "--digest", "sha256:" + "a".repeat(64));

            assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
            assertThat(ops.bodies()).hasSize(2);
            List<LedgerEvent> notifications;
            try (Ledger ledger = Ledger.openForReading(ledgerRoot, "shop", new Messages())) {
                notifications = ledger.events("dev").stream()
                        .filter(event -> event.getType().startsWith("notification.")).toList();
            }
            assertThat(notifications).singleElement().satisfies(event -> {
                assertThat(event.getType()).isEqualTo(EventTypes.NOTIFICATION_FAILED);
                assertThat(event.getData()).containsEntry("event", "deploy.failed").containsEntry("summary",
                        "notification failed: webhook ops (HTTP 500 after 2 attempts)");
            });
            String journal = Files.readString(ledgerRoot.resolve("shop").resolve("events.jsonl"));
            assertThat(journal).doesNotContain("secret-token-42", url);
            assertThat(result.toString()).doesNotContain("secret-token-42");
        }
    }
}
