package io.releaseledger.loadbalancer;

import java.time.Duration;
import java.util.List;

/**
 * The load balancer port: what server cycling needs to take a server out, wait until its sessions end, and put it
 * back. Backends and servers are named as in the load balancer's configuration. Every method throws
 * {@link LoadBalancerException} when the load balancer cannot be reached, refuses, or does not know the backend or
 * server; the message names them and says how to fix it.
 *
 * <pre>{@code
 * try (LoadBalancer lb = HaproxyLoadBalancer.overUnixSocket(Path.of("/run/haproxy/admin.sock"))) {
 *     lb.drain("web", "web1");
 *     DrainResult result = lb.waitUntilDrained("web", "web1", Duration.ofMinutes(2));
 *     // replace the instance behind web1 ...
 *     lb.ready("web", "web1");
 * }
 * }</pre>
 */
public interface LoadBalancer extends AutoCloseable {
    /** The servers of a backend, in the order of the configuration. */
    List<ServerState> servers(String backend);

    /** Lets the server finish its sessions and sends it no new ones. Also takes it out of maintenance. */
    void drain(String backend, String server);

    /** Puts the server back: it takes new sessions again as soon as its health checks pass. */
    void ready(String backend, String server);

    /** Takes the server out of the load balancer completely: no new traffic, no health checks. */
    void maintenance(String backend, String server);

    /** Sessions open on the server now. */
    int currentSessions(String backend, String server);

    /**
     * Polls the server's sessions until none are left or the timeout has passed, and says which. The server must
     * already be in {@link AdminState#DRAIN} or {@link AdminState#MAINT}: a ready server would keep getting new
     * sessions, so waiting for it is refused.
     */
    DrainResult waitUntilDrained(String backend, String server, Duration timeout);

    /** Sends the server's traffic (and health checks) to another address and port, e.g. a new instance. */
    void setAddress(String backend, String server, String host, int port);

    /** Releases what the connection to the load balancer holds; the load balancer itself is left as it is. */
    @Override
    void close();
}
