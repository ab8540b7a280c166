package io.releaseledger.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import io.releaseledger.testing.SmtpReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's mail: plain SMTP to a relay on the machine, here a real SMTP server on 127.0.0.1. */
class SmtpTransportTest {
    private static final String SECRET = "registry-password-123";

    @TempDir
    Path root;

    private final Messages messages = new Messages();

    private static NotificationEvent failed() {
        return new NotificationEvent(NotificationKind.DEPLOY_FAILED, "shop", "production", "1.5.0").setActor("alice")
                .setReason("login with " + SECRET + " refused, größer");
    }

    private static String body(final String data) {
        String encoded = data.substring(data.indexOf("\n\n") + 2).replaceAll("\\s", "");
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private NotificationSettings settings(final int port, final String extra) throws IOException {
        Files.writeString(root.resolve(NotificationSettings.FILE_NAME), """
                {"email": {"smtpHost": "127.0.0.1", "smtpPort": %d, "from": "release-ledger@example.com",
                           "mails": [{"recipients": ["oncall@example.com"], "events": ["deploy.failed"]},
                                     {"recipients": "shop@example.com, oncall@example.com",
                                      "environments": ["production"]},
                                     {"recipients": ["qa@example.com"], "environments": ["staging"]}]}%s}
                """.formatted(port, extra));
        return NotificationSettings.load(root, name -> null);
    }

    @Test
    void shouldMailTheRulesRecipientsOnceThroughARealSmtpServerWithoutTheSecret() throws IOException {
        try (SmtpReceiver receiver = new SmtpReceiver()) {
            settings(receiver.port(), "").notifier(messages, List.of(SECRET)).notify(failed());

            assertThat(receiver.mails()).singleElement().satisfies(mail -> {
                assertThat(mail.from()).isEqualTo("release-ledger@example.com");
                assertThat(mail.recipients()).containsExactly("oncall@example.com", "shop@example.com");
                assertThat(mail.data()).contains("Subject: =?UTF-8?B?", "Content-Type: text/plain; charset=UTF-8")
                        .doesNotContain(SECRET);
                assertThat(body(mail.data())).contains("Event: deploy.failed", "Environment: production",
                        "Reason: login with **** refused, größer").doesNotContain(SECRET);
            });
            assertThat(messages.getAll()).isEmpty();
        }
    }

    @Test
    void shouldRetryARefusingServerAndWarnWithoutFailing() throws IOException {
        try (SmtpReceiver receiver = new SmtpReceiver().refusing()) {
            settings(receiver.port(), ", \"attempts\": 2").notifier(messages, List.of()).notify(failed());

            assertThat(receiver.connections()).isEqualTo(2);
            assertThat(messages.getAll()).singleElement().extracting(Message::toString).asString()
                    .contains("554", "after 2 attempts", "the deploy goes on");
        }
    }

    @Test
    void shouldEndWithinTheBoundWhenTheServerHangs() throws IOException {
        try (SmtpReceiver receiver = new SmtpReceiver().hanging()) {
            NotificationSettings settings = settings(receiver.port(), ", \"totalTimeoutSeconds\": 2");

            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> settings.notifier(messages, List.of()).notify(failed()));
            assertThat(messages.getAll()).singleElement().extracting(Message::toString).asString()
                    .contains("the deploy goes on");
        }
    }

    @Test
    void shouldRefuseABadEmailSectionAsAWholeNamingEachProblem() throws IOException {
        Files.writeString(root.resolve(NotificationSettings.FILE_NAME), """
                {"email": {"smtpPort": 70000, "from": "nobody",
                           "mails": [{"recipients": ["bob"], "events": ["deploy.done"]}]}}
                """);

        assertThatThrownBy(() -> NotificationSettings.load(root, name -> null))
                .isInstanceOf(NotificationSettingsException.class)
                .hasMessageContaining("email.smtpHost is missing")
                .hasMessageContaining("email.mails[0]: 'bob' is not a mail address")
                .hasMessageContaining("email.mails[0]: unknown event 'deploy.done'")
                .hasMessageContaining("no notification settings were used");
    }

    @Test
    void shouldSayWhatTheServerAnswered() throws IOException {
        try (SmtpReceiver receiver = new SmtpReceiver().refusing()) {
            assertThatThrownBy(() -> new SmtpTransport("127.0.0.1", receiver.port(), "rl@example.com")
                    .send(new MailMessage(List.of("ops@example.com"), "s", "b")))
                    .isInstanceOf(IOException.class).hasMessage("the SMTP server answered: 554 127.0.0.1 no mail service here");
        }
    }
}
