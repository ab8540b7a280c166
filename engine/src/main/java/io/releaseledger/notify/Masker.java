package io.releaseledger.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Replaces secrets in text by {@code ****}: the longest first, so that a secret containing another is masked whole. */
final class Masker {
    /** Shorter values would mask ordinary words; credentials are longer. */
    private static final int MIN_LENGTH = 4;
    private static final String MASK = "****";
    private final List<String> secrets = new ArrayList<>();

    Masker(final Collection<String> secrets) {
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_LENGTH && !this.secrets.contains(secret)) {
                this.secrets.add(secret);
            }
        }
        this.secrets.sort(Comparator.comparingInt(String::length).reversed());
    }

    /** A webhook URL, and its path and query apart: a chat webhook's token sits in them. */
    static List<String> partsOf(final URI url) {
        List<String> parts = new ArrayList<>();
        parts.add(url.toString());
        if (url.getRawPath() != null && url.getRawPath().length() > 1) {
            parts.add(url.getRawPath());
            parts.add(url.getPath());
        }
        if (url.getRawQuery() != null) {
            parts.add(url.getRawQuery());
            parts.add(url.getQuery());
        }
        if (url.getRawUserInfo() != null) {
            parts.add(url.getRawUserInfo());
        }
        return parts;
    }

    String mask(final String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    NotificationEvent mask(final NotificationEvent event) {
        return event.masked(this::mask);
    }
}
