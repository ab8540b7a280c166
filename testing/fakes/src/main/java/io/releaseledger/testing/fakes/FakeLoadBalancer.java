package io.releaseledger.testing.fakes;

import io.releaseledger.loadbalancer.AdminState;
import io.releaseledger.loadbalancer.DrainResult;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.loadbalancer.LoadBalancerException;
import io.releaseledger.loadbalancer.OperationalState;
import io.releaseledger.loadbalancer.ServerState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An in-memory HAProxy with one backend: a server is UP while it is not in maintenance and {@code healthy} says its
 * instance serves, as HAProxy's own check would. Every call goes through {@link Faults}.
 */
public final class FakeLoadBalancer implements LoadBalancer {
    private final String backend;
    private final Faults faults;
    private final Predicate<String> healthy;
    private final Map<String, AdminState> servers = new LinkedHashMap<>();
    private final List<String> down = new ArrayList<>();
    private int maxOut;

    public FakeLoadBalancer(final String backend, final List<String> servers, final Faults faults,
            final Predicate<String> healthy) {
        this.backend = backend;
        this.faults = faults;
        this.healthy = healthy;
        servers.forEach(server -> this.servers.put(server, AdminState.READY));
    }

    /** Makes HAProxy's check of the server fail until the server is next drained (its instance replaced). */
    public synchronized void checkFails(final String server) {
        down.add(server);
    }

    /** The most servers that were drained or in maintenance at once. */
    public synchronized int maxOut() {
        return maxOut;
    }

    private void admin(final String server, final AdminState state) {
        servers.put(server, state);
        maxOut = Math.max(maxOut, (int) servers.values().stream().filter(s -> s != AdminState.READY).count());
    }

    /** The server's state now; never fails, counts no call. */
    public synchronized ServerState peek(final String server) {
        AdminState admin = servers.get(server);
        OperationalState operational = admin == AdminState.MAINT || down.contains(server) || !healthy.test(server)
                ? OperationalState.DOWN : OperationalState.UP;
        return new ServerState(server, "127.0.0.1", 0, admin, operational, 0, "", "");
    }

    private void call(final String what, final String backend, final String server) {
        faults.call("lb " + what + " " + backend + (server == null ? "" : "/" + server), LoadBalancerException::new);
        if (!this.backend.equals(backend) || server != null && !servers.containsKey(server)) {
            throw new LoadBalancerException("no server " + backend + "/" + server);
        }
    }

    @Override
    public synchronized List<ServerState> servers(final String backend) {
        call("servers", backend, null);
        List<ServerState> states = new ArrayList<>();
        servers.keySet().forEach(server -> states.add(peek(server)));
        return states;
    }

    @Override
    public synchronized void drain(final String backend, final String server) {
        call("drain", backend, server);
        admin(server, AdminState.DRAIN);
        down.remove(server);
    }

    @Override
    public synchronized void ready(final String backend, final String server) {
        call("ready", backend, server);
        admin(server, AdminState.READY);
    }

    @Override
    public synchronized void maintenance(final String backend, final String server) {
        call("maintenance", backend, server);
        admin(server, AdminState.MAINT);
    }

    @Override
    public synchronized int currentSessions(final String backend, final String server) {
        call("currentSessions", backend, server);
        return 0;
    }

    @Override
    public synchronized DrainResult waitUntilDrained(final String backend, final String server,
            final Duration timeout) {
        call("waitUntilDrained", backend, server);
        if (servers.get(server) == AdminState.READY) {
            throw new LoadBalancerException("waiting for a ready server to drain: " + server);
        }
        return DrainResult.drained(backend, server, Duration.ZERO);
    }

    @Override
    public synchronized void setAddress(final String backend, final String server, final String host, final int port) {
        call("setAddress", backend, server);
    }

    @Override
    public void close() {
        // nothing held
    }
}
