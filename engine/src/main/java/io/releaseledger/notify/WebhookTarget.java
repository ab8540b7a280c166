package io.releaseledger.notify;

import java.net.URI;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One webhook: a name for messages, its URL (a secret: Slack's and most chat webhooks carry their token in the path,
 * so the URL is never printed, only the name), its body format and the kinds it wants.
 */
public final class WebhookTarget {
    private final String name;
    private final URI url;
    private final WebhookFormat format;
    private final Set<NotificationKind> kinds;

    public WebhookTarget(final String name, final URI url, final WebhookFormat format, final Set<NotificationKind> kinds) {
        this.name = Objects.requireNonNull(name, "name");
        this.url = Objects.requireNonNull(url, "url");
        this.format = Objects.requireNonNull(format, "format");
        this.kinds = kinds.isEmpty() ? EnumSet.allOf(NotificationKind.class) : EnumSet.copyOf(kinds);
    }

    public WebhookTarget(final String name, final URI url, final WebhookFormat format) {
        this(name, url, format, EnumSet.allOf(NotificationKind.class));
    }

    /** The URL when it is an {@code http} or {@code https} URL with a host, else {@code null}. */
    public static URI parseUrl(final String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return web && uri.getHost() != null ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    public String getName() {
        return name;
    }

    /** Secret: never print it. */
    public URI getUrl() {
        return url;
    }

    public WebhookFormat getFormat() {
        return format;
    }

    public boolean wants(final NotificationKind kind) {
        return kinds.contains(kind);
    }

    @Override
    public String toString() {
        return "webhook " + name;
    }
}
