package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.releaseledger.agent.SecretMask;
import io.releaseledger.notify.MailMessage;
import io.releaseledger.notify.NotificationEvent;
import io.releaseledger.notify.NotificationKind;
import io.releaseledger.notify.Notifier;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import io.releaseledger.testing.SmtpReceiver;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Mail rules to real SMTP on 127.0.0.1 through Jakarta Mail (Angus, as the jakarta-mail-api plugin bundles it): the
 * session is built here as the Mailer plugin's {@code createSession()} builds it (host, port, 60 s timeouts), so that
 * {@link MailerTransport} must bound each attempt itself.
 */
class MailerTransportTest {
    private static final String SECRET = "hunter2-deploy-token";

    private final Messages messages = new Messages();

    private static NotificationEvent failed() {
        return new NotificationEvent(NotificationKind.DEPLOY_FAILED, "shop", "production", "1.5.0").setActor("alice")
                .setLink("https://ci.example/job/shop/12/").setReason("registry login with " + SECRET + " failed");
    }

    private static MailerTransport.MessageFactory mailerLike(final int port) {
        return mail -> {
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(port));
            props.put("mail.smtp.timeout", "60000");
            props.put("mail.smtp.connectiontimeout", "60000");
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("jenkins@example.com"));
            message.setRecipients(RecipientType.TO, String.join(",", mail.getRecipients()));
            message.setSubject(mail.getSubject(), "UTF-8");
            message.setText(mail.getBody(), "UTF-8");
            return message;
        };
    }

    private Notifier notifier(final SmtpReceiver receiver, final int timeoutSeconds, final NotificationMail... rules) {
        return ReleaseLedgerNotifications.mailNotifier(List.of(rules), timeoutSeconds, messages,
                new SecretMask(List.of(SECRET)), bound -> new MailerTransport(mailerLike(receiver.port()), bound));
    }

    private List<String> warnings() {
        return messages.getAll().stream().map(Message::toString).toList();
    }

    @Test
    void shouldMailTheRecipientsThatWantTheEventWithoutTheSecret() throws Exception {
        NotificationMail oncall = new NotificationMail("oncall@example.com, lead@example.com");
        oncall.setEvents("deploy.failed");
        NotificationMail staging = new NotificationMail("qa@example.com");
        staging.setEnvironments("staging");
        try (SmtpReceiver receiver = new SmtpReceiver()) {
            notifier(receiver, 15, oncall, staging).notify(failed());

            assertThat(receiver.mails()).singleElement().satisfies(mail -> {
                assertThat(mail.recipients()).containsExactly("oncall@example.com", "lead@example.com");
                assertThat(mail.from()).isEqualTo("jenkins@example.com");
                assertThat(mail.data()).contains("Subject: [Release Ledger] shop 1.5.0: alice failed to deploy "
                        + "production", "Environment: production", "Details: https://ci.example/job/shop/12/", "****")
                        .doesNotContain(SECRET);
            });
            assertThat(messages.getAll()).isEmpty();
        }
    }

    @Test
    void shouldRetryARefusingServerAndThenGiveUpWithAWarningThatTheDeployGoesOn() throws Exception {
        try (SmtpReceiver receiver = new SmtpReceiver().refusing()) {
            notifier(receiver, 15, new NotificationMail("ops@example.com")).notify(failed());

            assertThat(receiver.connections()).isEqualTo(ReleaseLedgerNotifications.MAIL_ATTEMPTS);
            assertThat(receiver.mails()).isEmpty();
            assertThat(warnings()).singleElement().asString().contains("deploy.failed", "after 3 attempts",
                    "the deploy goes on").doesNotContain(SECRET);
        }
    }

    @Test
    void shouldEndWithinTheBoundWhenTheServerHangs() throws Exception {
        try (SmtpReceiver receiver = new SmtpReceiver().hanging()) {
            // 3 s in all, 1 s per attempt: without the attempt's bound the Mailer's 60 s read timeout holds the first
            assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> notifier(receiver, 3, new NotificationMail("ops@example.com")).notify(failed()));

            assertThat(receiver.connections()).isGreaterThan(1);
            assertThat(warnings()).singleElement().asString().contains("deploy.failed", "the deploy goes on");
        }
    }

    @Test
    void shouldBoundEachAttemptOfTheMailersSession() throws Exception {
        try (SmtpReceiver receiver = new SmtpReceiver()) {
            MimeMessage[] built = new MimeMessage[1];
            MailerTransport.MessageFactory factory = mail -> built[0] = mailerLike(receiver.port()).create(mail);

            new MailerTransport(factory, Duration.ofSeconds(4))
                    .send(new MailMessage(List.of("ops@example.com"), "subject", "body"));

            Properties props = built[0].getSession().getProperties();
            assertThat(props.getProperty("mail.smtp.timeout")).isEqualTo("4000");
            assertThat(props.getProperty("mail.smtp.connectiontimeout")).isEqualTo("4000");
            assertThat(receiver.mails()).hasSize(1);
        }
    }

    @Test
    void shouldSendNoMailAndSaySoWhenTheMailerPluginIsNotActive() {
        Notifier notifier = ReleaseLedgerNotifications.mailNotifier(List.of(new NotificationMail("ops@example.com")), 15,
                messages, new SecretMask(List.of()), null);

        assertThat(notifier).isSameAs(Notifier.NONE);
        assertThat(warnings()).singleElement().asString().contains("Mailer plugin is not installed or not active");
    }

    @Test
    void shouldLeaveOutARuleWithABadAddressAndNameIt() {
        NotificationMail bad = new NotificationMail("ops@example.com bob");
        bad.setEvents("deploy.done");

        Notifier notifier = ReleaseLedgerNotifications.mailNotifier(List.of(bad), 15, messages,
                new SecretMask(List.of()), bound -> mail -> { });

        assertThat(notifier).isSameAs(Notifier.NONE);
        assertThat(warnings()).singleElement().asString().contains(
                "'bob' is not a mail address: write it as name@example.com", "unknown event 'deploy.done'");
    }
}
