package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.notify.Attempts;
import io.releaseledger.notify.MailNotifier;
import io.releaseledger.notify.MailTarget;
import io.releaseledger.notify.MailTransport;
import io.releaseledger.notify.NotificationDelivery;
import io.releaseledger.notify.NotificationEvent;
import io.releaseledger.notify.Notifier;
import io.releaseledger.notify.Notifiers;
import io.releaseledger.notify.WebhookNotifier;
import io.releaseledger.notify.WebhookTarget;
import io.releaseledger.report.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The webhooks and mail rules told about deploys, on the controller (Manage Jenkins » System; {@code unclassified:
 * releaseLedgerNotifications:} in JCasC), never in a workspace. A webhook or rule with a problem is left out with a
 * warning in the build's log; the others are told. Mail goes through the Mailer plugin when it is active; without it
 * the rules are kept and a warning says that no mail is sent.
 */
@Extension
@Symbol("releaseLedgerNotifications")
public final class ReleaseLedgerNotifications extends GlobalConfiguration {
    /** Bounds of one notification, retries included, in seconds. */
    static final int MIN_TIMEOUT = 1;
    static final int MAX_TIMEOUT = 120;

    /** Mail attempts per event: each gets a third of the bound. */
    static final int MAIL_ATTEMPTS = 3;

    private List<NotificationWebhook> webhooks = new ArrayList<>();
    private List<NotificationMail> mails = new ArrayList<>();
    private int timeoutSeconds = 15;

    public ReleaseLedgerNotifications() {
        load();
    }

    public static ReleaseLedgerNotifications get() {
        return ExtensionList.lookupSingleton(ReleaseLedgerNotifications.class);
    }

    public List<NotificationWebhook> getWebhooks() {
        return webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    @DataBoundSetter
    public void setWebhooks(final List<NotificationWebhook> webhooks) {
        this.webhooks = webhooks == null ? new ArrayList<>() : new ArrayList<>(webhooks);
        save();
    }

    public List<NotificationMail> getMails() {
        return mails == null ? List.of() : List.copyOf(mails);
    }

    @DataBoundSetter
    public void setMails(final List<NotificationMail> mails) {
        this.mails = mails == null ? new ArrayList<>() : new ArrayList<>(mails);
        save();
    }

    /** How long one notification may hold a deploy up at most, retries included (1 to 120 s; default 15). */
    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(final int timeoutSeconds) {
        this.timeoutSeconds = Math.max(MIN_TIMEOUT, Math.min(MAX_TIMEOUT, timeoutSeconds));
        save();
    }

    /** Deleting the last webhook or mail rule in the form must stick: the lists are emptied before binding. */
    @Override
    public boolean configure(final StaplerRequest2 req, final JSONObject json) throws FormException {
        List<NotificationWebhook> webhooksBefore = webhooks;
        List<NotificationMail> mailsBefore = mails;
        webhooks = new ArrayList<>();
        mails = new ArrayList<>();
        try {
            boolean done = super.configure(req, json);
            save();
            return done;
        } catch (FormException | RuntimeException e) {
            webhooks = webhooksBefore;
            mails = mailsBefore;
            throw e;
        }
    }

    /**
     * The notifier of a build: every usable webhook, the build's secrets masked in every body. Problems go to
     * {@code messages} as warnings, without a URL.
     */
    Notifier notifier(final Messages messages, final SecretMask mask) {
        boolean mailer = new JenkinsFacade().isPluginActive("mailer");
        // MailerTransport is named only once the Mailer plugin is known to be active: its types are optional
        return Notifiers.all(List.of(notifier(getWebhooks(), timeoutSeconds, messages, mask),
                mailNotifier(getMails(), timeoutSeconds, messages, mask,
                        mailer ? MailerTransport::throughMailer : null)));
    }

    /**
     * The mail part of a build's notifier.
     *
     * @param transport the Mailer plugin's transport for one attempt's bound; {@code null} when it is not active
     */
    static Notifier mailNotifier(final List<NotificationMail> mails, final int timeoutSeconds, final Messages messages,
            final SecretMask mask, final Function<Duration, MailTransport> transport) {
        List<MailTarget> targets = new ArrayList<>();
        for (NotificationMail mail : mails) {
            List<String> problems = mail.problems();
            if (problems.isEmpty()) {
                targets.add(mail.target());
            } else {
                messages.warning("Release Ledger notifications: %s; that mail rule is not used (fix it in Manage "
                        + "Jenkins » System).", String.join("; ", problems));
            }
        }
        if (targets.isEmpty()) {
            return Notifier.NONE;
        }
        if (transport == null) {
            messages.warning("Release Ledger notifications: mail rules are set but the Mailer plugin is not installed "
                    + "or not active, so no mail is sent (install it, or remove the rules in Manage Jenkins » System).");
            return Notifier.NONE;
        }
        Duration total = Duration.ofSeconds(timeoutSeconds);
        Notifier mailNotifier = new MailNotifier(targets, transport.apply(total.dividedBy(MAIL_ATTEMPTS)))
                .setTotalTimeout(total).setAttempts(Attempts.upTo(MAIL_ATTEMPTS)).setMessages(messages);
        return masking(mailNotifier, mask);
    }

    static Notifier notifier(final List<NotificationWebhook> webhooks, final int timeoutSeconds,
            final Messages messages, final SecretMask mask) {
        List<WebhookTarget> targets = new ArrayList<>();
        for (NotificationWebhook webhook : webhooks) {
            List<String> problems = webhook.problems();
            if (problems.isEmpty()) {
                targets.add(webhook.target());
            } else {
                messages.warning("Release Ledger notifications: %s; that webhook is not told (fix it in Manage Jenkins "
                        + "» System).", String.join("; ", problems));
            }
        }
        if (targets.isEmpty()) {
            return Notifier.NONE;
        }
        Notifier webhooksNotifier = new WebhookNotifier(targets)
                .setTotalTimeout(Duration.ofSeconds(timeoutSeconds)).setMessages(messages);
        return masking(webhooksNotifier, mask);
    }

    /**
     * {@code notifier} told of each event with the build's secrets masked; it keeps {@link Notifier#send}, so the
     * ledger learns how each target fared (a plain lambda would only have {@code notify}, and record nothing).
     */
    static Notifier masking(final Notifier notifier, final SecretMask mask) {
        return new Notifier() {
            @Override
            public void notify(final NotificationEvent event) {
                notifier.notify(event.masked(mask::mask));
            }

            @Override
            public List<NotificationDelivery> send(final NotificationEvent event) {
                return notifier.send(event.masked(mask::mask));
            }
        };
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "Release Ledger notifications";
    }
}
