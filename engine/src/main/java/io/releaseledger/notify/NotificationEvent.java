package io.releaseledger.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One thing to tell people about: what happened to which version of which application where, who did it, why, and
 * where to read more. Required facts in the constructor, the rest by setters. Holds no secret: the ledger's facts only.
 */
public final class NotificationEvent {
    private final NotificationKind kind;
    private final String application;
    private final String environment;
    private final String version;
    private String actor;
    private String link;
    private String reason;

    public NotificationEvent(final NotificationKind kind, final String application, final String environment,
            final String version) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.application = Objects.requireNonNull(application, "application");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.version = version;
    }

    /** Who started it (a user id or name). */
    public NotificationEvent setActor(final String actor) {
        this.actor = actor;
        return this;
    }

    /** Where to read more: the build or the Releases page. */
    public NotificationEvent setLink(final String link) {
        this.link = link;
        return this;
    }

    /** Why: the failure, the rollback's reason, what the approval waits for. */
    public NotificationEvent setReason(final String reason) {
        this.reason = reason;
        return this;
    }

    public NotificationKind getKind() {
        return kind;
    }

    public String getApplication() {
        return application;
    }

    public String getEnvironment() {
        return environment;
    }

    /** {@code null} when not known (a rollback that found nothing to return to). */
    public String getVersion() {
        return version;
    }

    public String getActor() {
        return actor;
    }

    public String getLink() {
        return link;
    }

    public String getReason() {
        return reason;
    }

    /** A copy with every text passed through {@code mask} (a front end's secret mask). */
    public NotificationEvent masked(final UnaryOperator<String> mask) {
        return new NotificationEvent(kind, mask.apply(application), mask.apply(environment),
                version == null ? null : mask.apply(version)).setActor(actor == null ? null : mask.apply(actor))
                .setLink(link == null ? null : mask.apply(link)).setReason(reason == null ? null : mask.apply(reason));
    }

    /** One line for people, as the Slack body and the mail subject say it. */
    public String summary() {
        return application + (version == null ? "" : " " + version) + ": " + (actor == null ? "" : actor + " ")
                + kind.verb() + " " + environment + (reason == null ? "" : " (" + reason + ")");
    }

    /** The generic webhook's body: {@code docs/governance.md} lists the fields. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", kind.key());
        json.put("application", application);
        json.put("environment", environment);
        json.put("version", version);
        json.put("actor", actor);
        json.put("reason", reason);
        json.put("link", link);
        json.put("summary", summary());
        return json;
    }

    @Override
    public String toString() {
        return kind.key() + " " + application + " " + environment;
    }
}
