package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.releaseledger.notify.MailTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One mail rule of {@link ReleaseLedgerNotifications}: who gets mail (through the Mailer plugin) about which events
 * in which environments. Rules add up: a mail goes once to everyone whose rule wants the event.
 */
public final class NotificationMail implements Describable<NotificationMail> {
    private final String recipients;
    private String events = "";
    private String environments = "";

    @DataBoundConstructor
    public NotificationMail(final String recipients) {
        this.recipients = recipients == null ? "" : recipients.trim();
    }

    /** Addresses separated by spaces, commas or semicolons. */
    public String getRecipients() {
        return recipients;
    }

    /** The events, space- or comma-separated ({@code deploy.failed deploy.rolledback}); empty for all. */
    public String getEvents() {
        return events;
    }

    @DataBoundSetter
    public void setEvents(final String events) {
        this.events = events == null ? "" : events.trim();
    }

    /** The environments, space- or comma-separated ({@code production}); empty for all. */
    public String getEnvironments() {
        return environments;
    }

    @DataBoundSetter
    public void setEnvironments(final String environments) {
        this.environments = environments == null ? "" : environments.trim();
    }

    /** The problems of this rule, each naming it and the fix; empty when usable. */
    List<String> problems() {
        return problems(recipients, events);
    }

    static List<String> problems(final String recipients, final String events) {
        List<String> problems = new ArrayList<>();
        String label = "mail to '" + recipients + "'";
        for (String problem : MailTarget.problems(recipients)) {
            problems.add(label + ": " + problem);
        }
        for (String key : Names.split(events)) {
            if (NotificationWebhook.kind(key) == null) {
                problems.add(label + ": unknown event '" + key + "'");
            }
        }
        return problems;
    }

    /** The engine's rule; only for a rule without {@link #problems()}. */
    MailTarget target() {
        return new MailTarget(MailTarget.split(recipients), NotificationWebhook.kinds(events),
                new HashSet<>(Names.split(environments)));
    }

    @Extension
    @Symbol("mail")
    public static final class DescriptorImpl extends Descriptor<NotificationMail> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Mail";
        }

        @POST
        public FormValidation doCheckRecipients(@QueryParameter final String value) {
            List<String> problems = MailTarget.problems(value);
            return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(String.join("; ", problems));
        }

        @POST
        public FormValidation doCheckEvents(@QueryParameter final String value) {
            List<String> unknown = Names.split(value).stream().filter(key -> NotificationWebhook.kind(key) == null)
                    .toList();
            return unknown.isEmpty() ? FormValidation.ok()
                    : FormValidation.error("Unknown event(s) " + String.join(", ", unknown) + ": use deploy.started, "
                            + "deploy.succeeded, deploy.failed, deploy.rolledback or approval.needed");
        }
    }
}
