package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.notify.Notifier;
import io.releaseledger.notify.WebhookNotifier;
import io.releaseledger.notify.WebhookTarget;
import io.releaseledger.report.Messages;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The webhooks told about deploys, on the controller (Manage Jenkins » System; {@code unclassified:
 * releaseLedgerNotifications:} in JCasC), never in a workspace. A webhook with a problem is left out with a warning
 * in the build's log; the others are told.
 */
@Extension
@Symbol("releaseLedgerNotifications")
public final class ReleaseLedgerNotifications extends GlobalConfiguration {
    /** Bounds of one notification, retries included, in seconds. */
    static final int MIN_TIMEOUT = 1;
    static final int MAX_TIMEOUT = 120;

    private List<NotificationWebhook> webhooks = new ArrayList<>();
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

    /** How long one notification may hold a deploy up at most, retries included (1 to 120 s; default 15). */
    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(final int timeoutSeconds) {
        this.timeoutSeconds = Math.max(MIN_TIMEOUT, Math.min(MAX_TIMEOUT, timeoutSeconds));
        save();
    }

    /** Deleting the last webhook in the form must stick: the list is emptied before binding. */
    @Override
    public boolean configure(final StaplerRequest2 req, final JSONObject json) throws FormException {
        List<NotificationWebhook> before = webhooks;
        webhooks = new ArrayList<>();
        try {
            boolean done = super.configure(req, json);
            save();
            return done;
        } catch (FormException | RuntimeException e) {
            webhooks = before;
            throw e;
        }
    }

    /**
     * The notifier of a build: every usable webhook, the build's secrets masked in every body. Problems go to
     * {@code messages} as warnings, without a URL.
     */
    Notifier notifier(final Messages messages, final SecretMask mask) {
        return notifier(getWebhooks(), timeoutSeconds, messages, mask);
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
                .setTotalTimeout(java.time.Duration.ofSeconds(timeoutSeconds)).setMessages(messages);
        return event -> webhooksNotifier.notify(event.masked(mask::mask));
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "Release Ledger notifications";
    }
}
