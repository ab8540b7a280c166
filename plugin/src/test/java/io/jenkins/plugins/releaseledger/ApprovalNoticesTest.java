package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.agent.SecretMask;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.notify.MailTransport;
import io.releaseledger.notify.NotificationDelivery;
import io.releaseledger.notify.NotificationEvent;
import io.releaseledger.notify.NotificationKind;
import io.releaseledger.notify.Notifier;
import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * awaitApproval's approval.needed round runs off the look's thread (Jenkins' shared timer): the look returns while a
 * mail server or webhook hangs, the round's outcome still lands in the ledger, and a round that ends after the step
 * does not write to its build log. Ordering is asserted with latches, never with durations.
 */
class ApprovalNoticesTest {
    private static final Actor ALICE = new Actor("alice", "Alice");
    private static final Origin BUILD = Origin.build("shop", 7, "https://jenkins.example/job/shop/7/", false);

    @TempDir
    Path root;

    private final ApprovalNotices notices = new ApprovalNotices(runnable -> {
        Thread thread = new Thread(runnable, "approval-notices-test");
        thread.setDaemon(true);
        return thread;
    });

    private static NotificationEvent approvalNeeded() {
        return new NotificationEvent(NotificationKind.APPROVAL_NEEDED, "shop", "production", "1.5.0")
                .setActor("Alice").setReason("waiting for 1 approval");
    }

    private static List<LedgerEvent> notifications(final Ledger ledger) {
        return ledger.events("production").stream().filter(event -> event.getType().startsWith("notification."))
                .toList();
    }

    @Test
    void shouldReturnAtOnceWhileTheMailServerHangsAndRecordTheRoundWhenItAnswers() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        MailTransport hanging = mail -> {
            reached.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        };
        Messages messages = new Messages();
        // the plugin's own glue, as the step builds it: masking included
        Notifier mail = ReleaseLedgerNotifications.mailNotifier(List.of(new NotificationMail("ops@example.com")),
                ReleaseLedgerNotifications.MAX_TIMEOUT, messages, new SecretMask(List.of()), bound -> hanging);
        List<List<Message>> printed = new CopyOnWriteArrayList<>();
        try (Ledger ledger = Ledger.open(root, "shop")) {
            Future<?> round = notices.send(mail, messages, approvalNeeded(), ledger, ALICE, BUILD, said -> {
                printed.add(said);
                return true;
            });

            // send returned; the mail server has the mail and has not answered: the round is still running
            assertThat(reached.await(1, TimeUnit.MINUTES)).as("the mail reached the server").isTrue();
            assertThat(round).isNotDone();
            assertThat(notifications(ledger)).isEmpty();

            answer.countDown();
            round.get(1, TimeUnit.MINUTES);
            assertThat(notifications(ledger)).singleElement().satisfies(event -> {
                assertThat(event.getType()).isEqualTo(EventTypes.NOTIFICATION_SENT);
                assertThat(event.getActor().getId()).isEqualTo("alice");
                assertThat(event.getData()).containsEntry("event", "approval.needed").containsEntry("delivered", 1L);
            });
            assertThat(printed).as("nothing went wrong, nothing to say").isEmpty();
        }
    }

    @Test
    void shouldPutWhatARoundEndingAfterTheStepSaysInJenkinsLogNotTheBuildLog() throws Exception {
        Messages messages = new Messages();
        Notifier refused = new Notifier() {
            @Override
            public void notify(final NotificationEvent event) {
                send(event);
            }

            @Override
            public List<NotificationDelivery> send(final NotificationEvent event) {
                messages.warning("webhook 'chat' refused %s (HTTP 500)", event.getKind().key());
                return List.of(new NotificationDelivery("webhook", "chat", false, 3, "HTTP 500"));
            }
        };
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(final LogRecord logRecord) {
                logged.add(logRecord);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ApprovalNotices.class.getName());
        logger.addHandler(handler);
        List<List<Message>> offered = new CopyOnWriteArrayList<>();
        try (Ledger ledger = Ledger.open(root, "shop")) {
            notices.send(refused, messages, approvalNeeded(), ledger, ALICE, BUILD, said -> {
                offered.add(said);
                return false; // the step ended meanwhile
            }).get(1, TimeUnit.MINUTES);

            assertThat(notifications(ledger)).singleElement().extracting(LedgerEvent::getType)
                    .isEqualTo(EventTypes.NOTIFICATION_FAILED);
            assertThat(offered).hasSize(1);
            assertThat(logged).singleElement().satisfies(logRecord -> {
                assertThat(logRecord.getParameters()).contains("approval.needed", "shop", "1.5.0", "production",
                        "webhook 'chat' refused approval.needed (HTTP 500)");
            });
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void shouldHaveTheStepHandItsRoundToTheNoticesInsteadOfSendingOnTheTimer() throws IOException {
        // the step cannot run offline (it needs Jenkins); its bytecode says whom it asks to send and record
        String code;
        try (var in = AwaitApprovalExecution.class.getResourceAsStream("AwaitApprovalExecution.class")) {
            code = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        assertThat(code).contains("io/jenkins/plugins/releaseledger/ApprovalNotices")
                .doesNotContain("io/releaseledger/deploy/NotificationLedger");
    }

    @Test
    void shouldKeepTheDeliveriesOfAMaskedNotifierForTheLedger() {
        List<NotificationEvent> seen = new CopyOnWriteArrayList<>();
        NotificationDelivery delivered = new NotificationDelivery("webhook", "chat", true, 1, null);
        Notifier inner = new Notifier() {
            @Override
            public void notify(final NotificationEvent event) {
                send(event);
            }

            @Override
            public List<NotificationDelivery> send(final NotificationEvent event) {
                seen.add(event);
                return List.of(delivered);
            }
        };

        List<NotificationDelivery> deliveries = ReleaseLedgerNotifications.masking(inner,
                new SecretMask(List.of("s3cret"))).send(approvalNeeded().setReason("token s3cret"));

        assertThat(deliveries).containsExactly(delivered);
        assertThat(seen).singleElement().extracting(NotificationEvent::getReason).asString()
                .doesNotContain("s3cret");
    }
}
