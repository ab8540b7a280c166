package io.releaseledger.notify;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.json.Json;
import io.releaseledger.report.Messages;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The webhooks of the CLI, from {@value #FILE_NAME} beside the ledgers (never the workspace):
 * <pre>{@code
 * {"webhooks": [{"name": "ops", "urlEnv": "OPS_WEBHOOK", "format": "slack", "events": ["deploy.failed"]},
 *               {"name": "audit", "url": "https://audit.example/hook"}],
 *  "email": {"smtpHost": "localhost", "smtpPort": 25, "from": "release-ledger@example.com",
 *            "mails": [{"recipients": ["oncall@example.com"], "events": ["deploy.failed"]},
 *                      {"recipients": ["shop-team@example.com"], "environments": ["production"]}]},
 *  "totalTimeoutSeconds": 15, "attempts": 4}
 * }</pre>
 * {@code email} is optional: plain SMTP to a relay on the machine (see {@link SmtpTransport}), one mail per event to
 * everyone whose rule wants it.
 * A bad file is refused as a whole, with a message naming the entry and the fix.
 */
public final class NotificationSettings {
    public static final String FILE_NAME = "notifications.json";
    private static final int MAX_TOTAL_SECONDS = 120;

    private final List<WebhookTarget> webhooks;
    private final Duration totalTimeout;
    private final int attempts;
    private List<MailTarget> mails = List.of();
    private SmtpTransport smtp;

    NotificationSettings(final List<WebhookTarget> webhooks, final Duration totalTimeout, final int attempts) {
        this.webhooks = List.copyOf(webhooks);
        this.totalTimeout = totalTimeout;
        this.attempts = attempts;
    }

    private NotificationSettings withMail(final List<MailTarget> mails, final SmtpTransport smtp) {
        this.mails = List.copyOf(mails);
        this.smtp = smtp;
        return this;
    }

    public List<MailTarget> getMails() {
        return mails;
    }

    public List<WebhookTarget> getWebhooks() {
        return webhooks;
    }

    public Duration getTotalTimeout() {
        return totalTimeout;
    }

    public int getAttempts() {
        return attempts;
    }

    /**
     * The notifier these settings describe; {@link Notifier#NONE} without webhooks.
     *
     * @param masked values never to send (the run's credentials)
     */
    public Notifier notifier(final Messages messages, final Collection<String> masked) {
        Attempts retries = Attempts.upTo(attempts);
        Notifier webhooksNotifier = webhooks.isEmpty() ? Notifier.NONE : new WebhookNotifier(webhooks)
                .setTotalTimeout(totalTimeout).setAttempts(retries).setMasked(masked).setMessages(messages);
        Notifier mailNotifier = mails.isEmpty() ? Notifier.NONE
                : new MailNotifier(mails, smtp.setAttemptTimeout(totalTimeout.dividedBy(attempts)))
                        .setTotalTimeout(totalTimeout).setAttempts(retries).setMasked(masked).setMessages(messages);
        return Notifiers.all(List.of(webhooksNotifier, mailNotifier));
    }

    /**
     * Reads {@code <root>/notifications.json}; no file means no notifications.
     *
     * @param environment where {@code urlEnv} is looked up (the process environment)
     * @throws NotificationSettingsException for an unreadable or bad file
     */
    public static NotificationSettings load(final Path root, final Function<String, String> environment) {
        Path file = root.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new NotificationSettings(List.of(), Duration.ofSeconds(15), 4);
        } catch (IOException e) {
            throw new NotificationSettingsException("Cannot read " + file + " (" + e.getMessage() + ").");
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (ReleaseLedgerException e) {
            throw new NotificationSettingsException(file + " is not a JSON object: " + e.getMessage());
        }
        return parse(json, file.toString(), environment);
    }

    static NotificationSettings parse(final Map<String, Object> json, final String source,
            final Function<String, String> environment) {
        List<String> problems = new ArrayList<>();
        List<WebhookTarget> webhooks = new ArrayList<>();
        Object list = json.getOrDefault("webhooks", List.of());
        if (list instanceof List<?> entries) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) instanceof Map<?, ?> entry) {
                    WebhookTarget target = webhook(entry, "webhooks[" + i + "]", environment, problems);
                    if (target != null) {
                        webhooks.add(target);
                    }
                } else {
                    problems.add("webhooks[" + i + "] must be an object with name and url (or urlEnv)");
                }
            }
        } else {
            problems.add("webhooks must be a list");
        }
        int total = number(json, "totalTimeoutSeconds", 15, problems);
        if (total < 1 || total > MAX_TOTAL_SECONDS) {
            problems.add("totalTimeoutSeconds must be between 1 and " + MAX_TOTAL_SECONDS
                    + ": a notification must never hold a deploy up for long");
        }
        int attempts = number(json, "attempts", 4, problems);
        if (attempts < 1 || attempts > 10) {
            problems.add("attempts must be between 1 and 10");
        }
        List<MailTarget> mails = new ArrayList<>();
        SmtpTransport smtp = null;
        Object email = json.get("email");
        if (email instanceof Map<?, ?> entry) {
            smtp = smtp(entry, problems);
            mails = mails(entry.get("mails"), problems);
        } else if (email != null) {
            problems.add("email must be an object with smtpHost, from and mails");
        }
        if (!problems.isEmpty()) {
            throw new NotificationSettingsException(source + ": " + String.join("; ", problems)
                    + ". Fix the file; no notification settings were used.");
        }
        return new NotificationSettings(webhooks, Duration.ofSeconds(total), attempts).withMail(mails, smtp);
    }

    private static SmtpTransport smtp(final Map<?, ?> email, final List<String> problems) {
        Object host = email.get("smtpHost");
        if (!(host instanceof String text) || text.isBlank()) {
            problems.add("email.smtpHost is missing: the SMTP relay on this machine, such as localhost");
            return null;
        }
        int port = 25;
        Object portValue = email.get("smtpPort");
        if (portValue instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.intValue() > 0 && number.intValue() < 65536) {
            port = number.intValue();
        } else if (portValue != null) {
            problems.add("email.smtpPort must be a port number from 1 to 65535");
        }
        Object from = email.get("from");
        if (!(from instanceof String address) || !MailTarget.problems(address).isEmpty()
                || MailTarget.split(address).size() != 1) {
            problems.add("email.from must be one mail address, such as release-ledger@example.com");
            return null;
        }
        return new SmtpTransport(text.strip(), port, address.strip());
    }

    private static List<MailTarget> mails(final Object list, final List<String> problems) {
        List<MailTarget> mails = new ArrayList<>();
        if (!(list instanceof List<?> entries) || entries.isEmpty()) {
            problems.add("email.mails must be a list of rules such as {\"recipients\": [\"ops@example.com\"]}");
            return mails;
        }
        for (int i = 0; i < entries.size(); i++) {
            String where = "email.mails[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                problems.add(where + " must be an object with recipients");
                continue;
            }
            String recipients = String.join(" ", strings(entry.get("recipients")));
            MailTarget.problems(recipients).forEach(problem -> problems.add(where + ": " + problem));
            Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
            for (String event : strings(entry.get("events"))) {
                NotificationKind kind = kind(event);
                if (kind == null) {
                    problems.add(where + ": unknown event '" + event + "' (known: " + knownKinds() + ")");
                } else {
                    kinds.add(kind);
                }
            }
            mails.add(new MailTarget(MailTarget.split(recipients), kinds, Set.copyOf(strings(entry.get("environments")))));
        }
        return mails;
    }

    /** A list of strings, or one string: what a hand-written file gives. */
    private static List<String> strings(final Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> strings.add(String.valueOf(item)));
        } else if (value instanceof String text && !text.isBlank()) {
            strings.addAll(List.of(text.strip().split("[\\s,;]+")));
        }
        return strings;
    }

    private static WebhookTarget webhook(final Map<?, ?> entry, final String where,
            final Function<String, String> environment, final List<String> problems) {
        Object name = entry.get("name");
        if (!(name instanceof String text) || text.isBlank()) {
            problems.add(where + " needs a name (messages name the webhook, never its URL)");
            return null;
        }
        String label = "webhook '" + name + "'";
        String url = entry.get("url") instanceof String value ? value : null;
        if (url == null && entry.get("urlEnv") instanceof String variable) {
            url = environment.apply(variable);
            if (url == null || url.isBlank()) {
                problems.add(label + ": the environment variable " + variable + " is not set");
                return null;
            }
        }
        if (url == null) {
            problems.add(label + " needs url or urlEnv");
            return null;
        }
        URI uri = WebhookTarget.parseUrl(url);
        if (uri == null) {
            problems.add(label + ": the URL must be http:// or https:// with a host (not shown: it may hold a token)");
            return null;
        }
        Object formatName = entry.get("format");
        WebhookFormat format = WebhookFormat.parse(formatName == null ? "json" : String.valueOf(formatName));
        if (format == null) {
            problems.add(label + ": format must be json or slack");
            return null;
        }
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        if (entry.get("events") instanceof List<?> events) {
            for (Object event : events) {
                NotificationKind kind = kind(String.valueOf(event));
                if (kind == null) {
                    problems.add(label + ": unknown event '" + event + "' (known: " + knownKinds() + ")");
                } else {
                    kinds.add(kind);
                }
            }
        }
        return new WebhookTarget(text.strip(), uri, format, kinds);
    }

    private static int number(final Map<String, Object> json, final String key, final int fallback,
            final List<String> problems) {
        Object value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.intValue();
        }
        problems.add(key + " must be a whole number");
        return fallback;
    }

    static NotificationKind kind(final String key) {
        for (NotificationKind kind : NotificationKind.values()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        return null;
    }

    private static String knownKinds() {
        List<String> keys = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            keys.add(kind.key());
        }
        return String.join(", ", keys);
    }
}
