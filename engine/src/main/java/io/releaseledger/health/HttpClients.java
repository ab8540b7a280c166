package io.releaseledger.health;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The HTTP clients the checks of one run share, one set per distinct setting (connect timeout, TLS context), built
 * when a check asks, that is while the checks are built and not inside an attempt. Each setting has a few clients
 * (handed out in turn), so that one client's single selector thread does not pace every connection of a large run.
 * {@link CheckFactory} holds one; the clients are collected with it.
 */
public final class HttpClients {
    /** Clients per setting: a handful, so that many checks of one setting spread over a few selector threads. */
    static final int CLIENTS_PER_SETTING = 4;

    private final int perSetting;
    private final Map<Key, Stripe> clients = new ConcurrentHashMap<>();

    public HttpClients() {
        this(CLIENTS_PER_SETTING);
    }

    /** @param perSetting how many clients each distinct setting has, handed out in turn (at least 1) */
    public HttpClients(final int perSetting) {
        if (perSetting < 1) {
            throw new IllegalArgumentException("perSetting must be at least 1, not " + perSetting);
        }
        this.perSetting = perSetting;
    }

    /** A client as {@link Http#client} builds it for these settings, shared with the checks of the same ones. */
    HttpClient get(final Duration timeout, final SSLContext ssl) {
        return clients.computeIfAbsent(new Key(timeout, ssl), key -> new Stripe(key, perSetting)).next();
    }

    /** How many clients were built so far. */
    public int size() {
        return clients.values().stream().mapToInt(Stripe::built).sum();
    }

    private static final class Stripe {
        private final Key key;
        private final HttpClient[] built;
        private final AtomicInteger handedOut = new AtomicInteger();

        Stripe(final Key key, final int size) {
            this.key = key;
            this.built = new HttpClient[size];
        }

        synchronized HttpClient next() {
            int index = Math.floorMod(handedOut.getAndIncrement(), built.length);
            if (built[index] == null) {
                built[index] = Http.client(key.timeout, key.ssl);
            }
            return built[index];
        }

        synchronized int built() {
            return (int) Arrays.stream(built).filter(Objects::nonNull).count();
        }
    }

    /** The settings a client is built with; TLS contexts by identity ({@link TlsContexts} reuses them). */
    private static final class Key {
        final Duration timeout;
        final SSLContext ssl;

        Key(final Duration timeout, final SSLContext ssl) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            this.ssl = ssl;
        }

        @Override
        public boolean equals(final Object other) {
            return other instanceof Key && ((Key) other).timeout.equals(timeout) && ((Key) other).ssl == ssl;
        }

        @Override
        public int hashCode() {
            return timeout.hashCode() * 31 + System.identityHashCode(ssl);
        }
    }
}
