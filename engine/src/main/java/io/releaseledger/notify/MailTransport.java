package io.releaseledger.notify;

import java.io.IOException;

/**
 * Delivers one composed mail (in Jenkins: through the Mailer plugin's SMTP session). One attempt, within the bound
 * it was built with; {@link MailNotifier} retries.
 */
@FunctionalInterface
public interface MailTransport {
    void send(MailMessage message) throws IOException;
}
