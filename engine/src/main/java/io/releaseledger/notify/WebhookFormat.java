package io.releaseledger.notify;

import io.releaseledger.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** The body a webhook gets: the generic JSON of {@link NotificationEvent#toJson()}, or Slack's incoming-webhook {@code text}. */
public enum WebhookFormat {
    JSON {
        @Override
        String body(final NotificationEvent event) {
            return Json.write(event.toJson());
        }
    },
    SLACK {
        @Override
        String body(final NotificationEvent event) {
            String text = slackEscape(event.summary());
            if (event.getLink() != null) {
                text += " <" + slackEscape(event.getLink()) + "|details>";
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("text", text);
            return Json.write(json);
        }
    };

    abstract String body(NotificationEvent event);

    /** Slack reads {@code &}, {@code <} and {@code >} as markup: a reason must not become a link or a mention. */
    static String slackEscape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** {@code json} or {@code slack}, any case; {@code null} for anything else. */
    static WebhookFormat parse(final String name) {
        for (WebhookFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        return null;
    }
}
