package io.releaseledger.notify;

import io.releaseledger.report.Messages;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mails each event to the recipients that want it: one mail per event, composed by {@link MailMessage#of}, delivered
 * by a {@link MailTransport} on a thread of its own with retries and backoff. Returns after {@link #setTotalTimeout}
 * at the latest whatever the mail server does; never throws. What failed goes to the messages as a warning, masked.
 */
public final class MailNotifier implements Notifier {
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "release-ledger-mail");
        thread.setDaemon(true);
        return thread;
    });

    private final List<MailTarget> targets;
    private final MailTransport transport;
    private Duration totalTimeout = Duration.ofSeconds(15);
    private Attempts attempts = Attempts.upTo(3);
    private Masker masker = new Masker(List.of());
    private Messages messages = new Messages();

    public MailNotifier(final List<MailTarget> targets, final MailTransport transport) {
        this.targets = List.copyOf(targets);
        this.transport = transport;
    }

    /** How long {@link #notify} may take at most, retries included (default 15 s). */
    public MailNotifier setTotalTimeout(final Duration totalTimeout) {
        this.totalTimeout = totalTimeout;
        return this;
    }

    /** Attempts per event and the wait between them (default {@code Attempts.upTo(3)}). */
    public MailNotifier setAttempts(final Attempts attempts) {
        this.attempts = attempts;
        return this;
    }

    Attempts getAttempts() {
        return attempts;
    }

    /** Values that must never reach a mail or a message, such as the build's credentials. */
    public MailNotifier setMasked(final Collection<String> secrets) {
        masker = new Masker(secrets);
        return this;
    }

    public MailNotifier setMessages(final Messages messages) {
        this.messages = messages;
        return this;
    }

    @Override
    public void notify(final NotificationEvent event) {
        send(event);
    }

    /**
     * One delivery named by the number of recipients: their addresses are personal data and stay out of the ledger.
     */
    @Override
    public List<NotificationDelivery> send(final NotificationEvent event) {
        try {
            NotificationEvent masked = masker.mask(event);
            Set<String> recipients = new LinkedHashSet<>();
            targets.stream().filter(target -> target.wants(masked)).forEach(t -> recipients.addAll(t.getRecipients()));
            if (recipients.isEmpty()) {
                return List.of();
            }
            return List.of(send(MailMessage.of(masked, List.copyOf(recipients)), event));
        } catch (RuntimeException e) {
            messages.warning("Mail about %s not sent: %s", event, masker.mask(String.valueOf(e.getMessage())));
            return List.of();
        }
    }

    private NotificationDelivery send(final MailMessage mail, final NotificationEvent event) {
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        AtomicInteger attempted = new AtomicInteger();
        Future<String> sending = SENDERS.submit(() -> deliver(mail, deadline, attempted));
        String problem;
        try {
            problem = sending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sending.cancel(true);
            problem = "no answer within " + totalTimeout.toSeconds() + " s";
        } catch (InterruptedException e) {
            sending.cancel(true);
            Thread.currentThread().interrupt();
            problem = "interrupted";
        } catch (ExecutionException e) {
            problem = masker.mask(String.valueOf(e.getCause()));
        }
        int count = mail.getRecipients().size();
        if (problem != null) {
            messages.warning("The mail about %s to %d recipient(s) was not sent (%s); the deploy goes on.",
                    event.getKind().key(), count, problem);
        }
        return new NotificationDelivery("mail", "to " + count + (count == 1 ? " recipient" : " recipients"),
                problem == null, attempted.get(), withoutAddresses(masker.mask(problem), mail.getRecipients()));
    }

    /** A mail server's answer may quote an address; the ledger keeps none. */
    private static String withoutAddresses(final String problem, final List<String> recipients) {
        return problem == null ? null : new Masker(recipients).mask(problem);
    }

    /** @return {@code null} when delivered, else what went wrong last */
    private String deliver(final MailMessage mail, final long deadline, final AtomicInteger attempted) {
        return attempts.deliver(remaining -> {
            transport.send(mail);
            return null;
        }, deadline, attempted, masker);
    }
}
