package io.jenkins.plugins.releaseledger;

import io.releaseledger.notify.MailMessage;
import io.releaseledger.notify.MailTransport;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import jenkins.plugins.mailer.tasks.MimeMessageBuilder;

/**
 * Delivers a composed mail through the Mailer plugin: its SMTP session, Jenkins' admin address as From, its
 * Reply-To and default suffix. The only class that touches Mailer or Jakarta Mail types, so it is loaded only when
 * the optional Mailer plugin is active ({@link ReleaseLedgerNotifications} checks first).
 */
final class MailerTransport implements MailTransport {
    /** Builds the message of one attempt; in Jenkins, the Mailer plugin's {@link MimeMessageBuilder}. */
    @FunctionalInterface
    interface MessageFactory {
        MimeMessage create(MailMessage mail) throws MessagingException, IOException;
    }

    private final MessageFactory factory;
    private final Duration attemptTimeout;

    MailerTransport(final MessageFactory factory, final Duration attemptTimeout) {
        this.factory = factory;
        this.attemptTimeout = attemptTimeout;
    }

    static MailTransport throughMailer(final Duration attemptTimeout) {
        return new MailerTransport(MailerTransport::fromMailer, attemptTimeout);
    }

    private static MimeMessage fromMailer(final MailMessage mail) throws MessagingException, IOException {
        return new MimeMessageBuilder().setSubject(mail.getSubject()).setBody(mail.getBody())
                .addRecipients(String.join(" ", mail.getRecipients())).buildMimeMessage();
    }

    @Override
    public void send(final MailMessage mail) throws IOException {
        try {
            MimeMessage message = factory.create(mail);
            bound(message.getSession());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new IOException(e.getMessage(), null);
        }
    }

    /** The Mailer's session waits 60 s per socket operation; one attempt of ours must end within its own bound. */
    private void bound(final Session session) {
        if (session != null) {
            String millis = String.valueOf(Math.max(1, attemptTimeout.toMillis()));
            session.getProperties().setProperty("mail.smtp.connectiontimeout", millis);
            session.getProperties().setProperty("mail.smtp.timeout", millis);
            session.getProperties().setProperty("mail.smtp.writetimeout", millis);
        }
    }
}
