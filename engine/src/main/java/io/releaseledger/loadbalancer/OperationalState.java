package io.releaseledger.loadbalancer;

/** What the load balancer's health checks say about a server. */
public enum OperationalState {
    /** Passing its checks (or not checked at all). */
    UP,
    /** Failing its checks, or in maintenance. */
    DOWN,
    /** Coming up: some checks passed, not yet enough. */
    STARTING,
    /** Going down: some checks failed, not yet enough. */
    STOPPING
}
