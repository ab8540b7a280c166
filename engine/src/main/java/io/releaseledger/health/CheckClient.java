package io.releaseledger.health;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The client of one or more checks: the settings of a JDK {@link HttpClient}, built at its first use. Plain
 * {@code http://} exchanges go through {@link PlainHttp}, which keeps its kept-alive connections per CheckClient and
 * never needs the JDK client; building one for them cost a selector thread and its start-up for nothing.
 */
final class CheckClient {
    /** JDK clients built in this process, for tests that count them. */
    private static final AtomicLong BUILT = new AtomicLong();

    private final Duration timeout;
    private final SSLContext ssl;
    private volatile HttpClient jdk;

    /** @param ssl the TLS context, {@code null} for the system's */
    CheckClient(final Duration timeout, final SSLContext ssl) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.ssl = ssl;
    }

    /** The JDK client as {@link Http#client} builds it for these settings; built on the first call. */
    HttpClient jdk() {
        HttpClient current = jdk;
        if (current == null) {
            synchronized (this) {
                current = jdk;
                if (current == null) {
                    current = Http.client(timeout, ssl);
                    BUILT.incrementAndGet();
                    jdk = current;
                }
            }
        }
        return current;
    }

    /** Whether {@link #jdk} was built. */
    boolean isBuilt() {
        return jdk != null;
    }

    static long builtInProcess() {
        return BUILT.get();
    }
}
