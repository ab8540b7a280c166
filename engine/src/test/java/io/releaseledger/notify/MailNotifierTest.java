package io.releaseledger.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine composes the mail and retries; the transport only delivers. */
class MailNotifierTest {
    private static final String SECRET = "s3cr3t-deploy-token";

    private final Messages messages = new Messages();
    private final List<MailMessage> sent = new CopyOnWriteArrayList<>();

    /** A short first wait keeps the tests quick. */
    private static Attempts quickly(final int maxAttempts) {
        return Attempts.upTo(maxAttempts).withFirstBackoff(Duration.ofMillis(10));
    }

    private static NotificationEvent failed() {
        return new NotificationEvent(NotificationKind.DEPLOY_FAILED, "shop", "production", "1.5.0")
                .setActor("alice").setLink("https://ci.example/job/shop/12/")
                .setReason("health gate failed with " + SECRET + "\r\nBcc: all@example.com");
    }

    private static MailTarget everything(final String... recipients) {
        return new MailTarget(List.of(recipients), Set.of(), Set.of());
    }

    @Test
    void shouldComposeAPlainTextMailWithoutSecretsOrHeaderBreaks() {
        new MailNotifier(List.of(everything("ops@example.com")), sent::add).setMasked(List.of(SECRET))
                .setMessages(messages).notify(failed());

        assertThat(sent).hasSize(1);
        MailMessage mail = sent.get(0);
        assertThat(mail.getRecipients()).containsExactly("ops@example.com");
        assertThat(mail.getSubject()).startsWith("[Release Ledger] shop 1.5.0: alice failed to deploy production")
                .doesNotContain("\r", "\n", SECRET);
        assertThat(mail.getBody()).contains("Event: deploy.failed", "Application: shop", "Environment: production",
                "Version: 1.5.0", "By: alice", "Details: https://ci.example/job/shop/12/", "****")
                .doesNotContain(SECRET).doesNotContain("\nBcc:");
        assertThat(messages.getAll()).isEmpty();
    }

    @Test
    void shouldSendOneMailToTheRecipientsThatWantTheEventAndEnvironment() {
        List<MailTarget> targets = List.of(
                new MailTarget(List.of("oncall@example.com"), EnumSet.of(NotificationKind.DEPLOY_FAILED), Set.of()),
                new MailTarget(List.of("prod@example.com", "oncall@example.com"), Set.of(), Set.of("production")),
                new MailTarget(List.of("qa@example.com"), Set.of(), Set.of("staging")),
                new MailTarget(List.of("audit@example.com"), EnumSet.of(NotificationKind.ROLLED_BACK), Set.of()));

        new MailNotifier(targets, sent::add).setMessages(messages).notify(failed());

        assertThat(sent).singleElement().satisfies(mail -> assertThat(mail.getRecipients())
                .containsExactly("oncall@example.com", "prod@example.com"));
    }

    @Test
    void shouldSendNothingWhenNobodyWantsTheEvent() {
        new MailNotifier(List.of(new MailTarget(List.of("qa@example.com"), Set.of(), Set.of("staging"))), sent::add)
                .notify(failed());

        assertThat(sent).isEmpty();
    }

    @Test
    void shouldRetryWithBackoffAndThenDeliver() {
        AtomicInteger attempts = new AtomicInteger();
        MailTransport flaky = mail -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("421 try again later");
            }
            sent.add(mail);
        };

        new MailNotifier(List.of(everything("ops@example.com")), flaky).setAttempts(quickly(3))
                .setMessages(messages).notify(failed());

        assertThat(attempts).hasValue(3);
        assertThat(sent).hasSize(1);
        assertThat(messages.getAll()).isEmpty();
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWithAMaskedWarning() {
        AtomicInteger attempts = new AtomicInteger();
        MailTransport refusing = mail -> {
            attempts.incrementAndGet();
            throw new IOException("554 rejected, auth " + SECRET);
        };

        new MailNotifier(List.of(everything("ops@example.com")), refusing).setMasked(List.of(SECRET))
                .setAttempts(quickly(3)).setMessages(messages).notify(failed());

        assertThat(attempts).hasValue(3);
        assertThat(messages.getAll()).singleElement().extracting(Message::toString).asString()
                .contains("deploy.failed", "1 recipient(s)", "554 rejected", "after 3 attempts", "the deploy goes on")
                .doesNotContain(SECRET);
    }

    @Test
    void shouldReturnWithinItsBoundWhenTheTransportHangs() {
        CountDownLatch never = new CountDownLatch(1);
        MailTransport hanging = mail -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new MailNotifier(List.of(everything("ops@example.com")),
                hanging).setTotalTimeout(Duration.ofSeconds(1)).setMessages(messages).notify(failed()));

        assertThat(messages.getAll()).singleElement().extracting(Message::toString).asString()
                .contains("no answer within 1 s", "the deploy goes on");
    }

    @Test
    void shouldNameEachBadAddress() {
        assertThat(MailTarget.problems("ops@example.com, bob; team@localhost")).containsExactly(
                "'bob' is not a mail address: write it as name@example.com");
        assertThat(MailTarget.problems("  ")).containsExactly(
                "no recipients: give at least one address such as ops@example.com");
        assertThat(MailTarget.problems("<x>@example.com a@b")).hasSize(2);
        assertThat(MailTarget.split("a@example.com,b@example.com c@example.com"))
                .containsExactly("a@example.com", "b@example.com", "c@example.com");
    }

    @Test
    void shouldRunSeveralNotifiersSideBySide() {
        CountDownLatch both = new CountDownLatch(2);
        Notifier waitsForTheOther = event -> {
            both.countDown();
            try {
                both.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Notifiers.all(List.of(waitsForTheOther, Notifier.NONE, waitsForTheOther)).notify(failed()));
        assertThat(Notifiers.all(List.of(Notifier.NONE))).isSameAs(Notifier.NONE);
    }

    @Test
    void shouldNotFailTheCallerWhenOneOfSeveralNotifiersThrows() {
        Notifier broken = event -> {
            throw new IllegalStateException("broken notifier");
        };

        Notifiers.all(List.of(broken, event -> sent.add(MailMessage.of(event, List.of("ops@example.com")))))
                .notify(failed());

        assertThat(sent).hasSize(1);
    }
}
