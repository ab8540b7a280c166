package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.releaseledger.notify.NotificationKind;
import io.releaseledger.notify.WebhookFormat;
import io.releaseledger.notify.WebhookTarget;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * One webhook of {@link ReleaseLedgerNotifications}: a name for messages, its URL as a {@link Secret} (chat webhooks
 * carry their token in it), the body's format and the events it wants.
 */
public final class NotificationWebhook implements Describable<NotificationWebhook> {
    private final String name;
    private final Secret url;
    private String format = "json";
    private String events = "";

    @DataBoundConstructor
    public NotificationWebhook(final String name, final Secret url) {
        this.name = name == null ? "" : name.trim();
        this.url = url;
    }

    public String getName() {
        return name;
    }

    public Secret getUrl() {
        return url;
    }

    /** {@code json} (the generic body) or {@code slack}. */
    public String getFormat() {
        return format;
    }

    @DataBoundSetter
    public void setFormat(final String format) {
        this.format = format == null || format.isBlank() ? "json" : format.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** The events, space- or comma-separated ({@code deploy.failed deploy.rolledback}); empty for all. */
    public String getEvents() {
        return events;
    }

    @DataBoundSetter
    public void setEvents(final String events) {
        this.events = events == null ? "" : events.trim();
    }

    /** The problems of this webhook, each naming it and the fix; empty when usable. Never shows the URL. */
    List<String> problems() {
        return problems(name, url == null ? null : url.getPlainText(), format, events);
    }

    static List<String> problems(final String name, final String url, final String format, final String events) {
        List<String> problems = new ArrayList<>();
        String label = "webhook '" + name + "'";
        if (name.isEmpty()) {
            problems.add("a webhook needs a name (messages name the webhook, never its URL)");
        }
        if (WebhookTarget.parseUrl(url) == null) {
            problems.add(label + ": the URL must be http:// or https:// with a host");
        }
        if (!"json".equals(format) && !"slack".equals(format)) {
            problems.add(label + ": format must be json or slack");
        }
        for (String key : Names.split(events)) {
            if (kind(key) == null) {
                problems.add(label + ": unknown event '" + key + "'");
            }
        }
        return problems;
    }

    Set<NotificationKind> kinds() {
        return kinds(events);
    }

    static Set<NotificationKind> kinds(final String events) {
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        for (String key : Names.split(events)) {
            NotificationKind kind = kind(key);
            if (kind != null) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** The engine's webhook; only for a webhook without {@link #problems()}. */
    WebhookTarget target() {
        return new WebhookTarget(name, WebhookTarget.parseUrl(url.getPlainText()),
                "slack".equals(format) ? WebhookFormat.SLACK : WebhookFormat.JSON, kinds());
    }

    static NotificationKind kind(final String key) {
        for (NotificationKind kind : NotificationKind.values()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        return null;
    }

    @Extension
    @Symbol("webhook")
    public static final class DescriptorImpl extends Descriptor<NotificationWebhook> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Webhook";
        }

        public ListBoxModel doFillFormatItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("Generic JSON", "json");
            items.add("Slack-compatible", "slack");
            return items;
        }
    }
}
