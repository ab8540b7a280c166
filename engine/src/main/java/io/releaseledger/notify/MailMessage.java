package io.releaseledger.notify;

import java.util.List;
import java.util.Objects;

/**
 * One mail about an event, composed here so that front ends only deliver it: plain text, one subject line, the
 * event's facts only (the event is masked before it is composed, so no secret reaches a subject or a body).
 */
public final class MailMessage {
    static final String SUBJECT_PREFIX = "[Release Ledger] ";

    private final List<String> recipients;
    private final String subject;
    private final String body;

    public MailMessage(final List<String> recipients, final String subject, final String body) {
        this.recipients = List.copyOf(recipients);
        this.subject = Objects.requireNonNull(subject, "subject");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** The mail telling {@code recipients} about {@code event}. */
    public static MailMessage of(final NotificationEvent event, final List<String> recipients) {
        StringBuilder body = new StringBuilder(oneLine(event.summary())).append("\n\n");
        line(body, "Event", event.getKind().key());
        line(body, "Application", event.getApplication());
        line(body, "Environment", event.getEnvironment());
        line(body, "Version", event.getVersion());
        line(body, "By", event.getActor());
        line(body, "Reason", event.getReason());
        line(body, "Details", event.getLink());
        body.append("\n-- \nSent by Release Ledger. Who gets which events is set in Manage Jenkins » System "
                + "(or notifications.json beside the CLI's ledgers).\n");
        return new MailMessage(recipients, oneLine(SUBJECT_PREFIX + event.summary()), body.toString());
    }

    private static void line(final StringBuilder body, final String label, final String value) {
        if (value != null && !value.isBlank()) {
            body.append(label).append(": ").append(oneLine(value)).append('\n');
        }
    }

    /** A reason may hold line breaks; in a header they would start a new header. */
    static String oneLine(final String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /** Full addresses ({@code name@domain}). */
    public List<String> getRecipients() {
        return recipients;
    }

    public String getSubject() {
        return subject;
    }

    /** Plain text. */
    public String getBody() {
        return body;
    }

    @Override
    public String toString() {
        return "mail '" + subject + "' to " + recipients.size() + " recipient(s)";
    }
}
