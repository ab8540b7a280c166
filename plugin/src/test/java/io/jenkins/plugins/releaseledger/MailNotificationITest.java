package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.tasks.Mailer;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.testing.SmtpReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Mail through the Mailer plugin installed in a real Jenkins: the SMTP server Mailer is configured with receives the
 * mail of the rule that wants "approval needed" when {@code awaitApproval} starts to wait, composed by Mailer's
 * {@code MimeMessageBuilder}, and the round is recorded in the controller's ledger. Written, not run here.
 */
@WithJenkins
class MailNotificationITest {
    @Test
    void shouldMailThroughTheMailerPluginsServerAndRecordTheRound(final JenkinsRule r) throws Exception {
        try (SmtpReceiver smtp = new SmtpReceiver()) {
            Mailer.DescriptorImpl mailer = Mailer.descriptor();
            mailer.setSmtpHost("127.0.0.1");
            mailer.setSmtpPort(String.valueOf(smtp.port()));
            NotificationMail rule = new NotificationMail("release-managers@example.org");
            rule.setEvents("approval.needed");
            ReleaseLedgerNotifications.get().setMails(List.of(rule));
            WorkflowJob job = AwaitApprovalITest.prepare(r);

            WorkflowRun run = AwaitApprovalITest.startByAlice(job);
            r.waitForMessage("awaitApproval: waiting for approval of 1.5.0", run);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (smtp.mails().isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(smtp.mails()).singleElement().satisfies(mail -> {
                assertThat(mail.recipients()).containsExactly("release-managers@example.org");
                assertThat(mail.data()).contains("Subject: [Release Ledger]").contains("1.5.0").contains("production");
            });
            assertThat(AwaitApprovalITest.productionEvents(job)).contains(EventTypes.NOTIFICATION_SENT);
            run.doStop();
            r.waitForCompletion(run);
        }
    }
}
