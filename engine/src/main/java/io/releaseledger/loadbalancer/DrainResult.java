package io.releaseledger.loadbalancer;

import io.releaseledger.report.Counted;

import java.time.Duration;
import java.util.Objects;

/** How {@link LoadBalancer#waitUntilDrained} ended: the server drained, or the timeout came first. Immutable. */
public final class DrainResult {
    private final String backend;
    private final String server;
    private final boolean drained;
    private final int remainingSessions;
    private final Duration waited;

    private DrainResult(final String backend, final String server, final boolean drained, final int remainingSessions,
            final Duration waited) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.server = Objects.requireNonNull(server, "server");
        this.drained = drained;
        this.remainingSessions = remainingSessions;
        this.waited = Objects.requireNonNull(waited, "waited");
    }

    /** The server has no session left. */
    public static DrainResult drained(final String backend, final String server, final Duration waited) {
        return new DrainResult(backend, server, true, 0, waited);
    }

    /** The timeout ended the wait while the server still had sessions. */
    public static DrainResult timedOut(final String backend, final String server, final int remainingSessions,
            final Duration waited) {
        return new DrainResult(backend, server, false, remainingSessions, waited);
    }

    public String getBackend() {
        return backend;
    }

    public String getServer() {
        return server;
    }

    /** {@code true} when the server reached zero sessions, {@code false} when the timeout came first. */
    public boolean isDrained() {
        return drained;
    }

    /** Sessions still open (or queued) on the server when the wait ended; 0 when drained. */
    public int getRemainingSessions() {
        return remainingSessions;
    }

    /** How long the wait took. */
    public Duration getWaited() {
        return waited;
    }

    @Override
    public String toString() {
        String where = "server '" + server + "' of backend '" + backend + "'";
        return drained ? where + " drained after " + waited.toMillis() + " ms"
                : where + " still had " + Counted.of(remainingSessions, "session") + " after " + waited.toMillis() + " ms";
    }
}
