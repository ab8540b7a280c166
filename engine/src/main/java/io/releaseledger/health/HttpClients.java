package io.releaseledger.health;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The HTTP clients the checks of one run share, one set per distinct setting (connect timeout, TLS context). Each
 * setting has a few clients (handed out in turn), so that one client's single selector thread does not pace every
 * connection of a large run. A client's JDK {@code HttpClient} is built at its first use ({@link CheckClient}): plain
 * {@code http://} checks never use it; an https check builds it when it is handed its client, not inside an attempt.
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

    /** A client for these settings, shared with the checks of the same ones. */
    CheckClient get(final Duration timeout, final SSLContext ssl) {
        return clients.computeIfAbsent(new Key(timeout, ssl), key -> new Stripe(key, perSetting)).next();
    }

    /** How many JDK clients were built so far. */
    public int size() {
        return clients.values().stream().mapToInt(Stripe::built).sum();
    }

    private static final class Stripe {
        private final Key key;
        private final CheckClient[] handed;
        private final AtomicInteger handedOut = new AtomicInteger();

        Stripe(final Key key, final int size) {
            this.key = key;
            this.handed = new CheckClient[size];
        }

        synchronized CheckClient next() {
            int index = Math.floorMod(handedOut.getAndIncrement(), handed.length);
            if (handed[index] == null) {
                handed[index] = new CheckClient(key.timeout, key.ssl);
            }
            return handed[index];
        }

        synchronized int built() {
            return (int) Arrays.stream(handed).filter(client -> client != null && client.isBuilt()).count();
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
