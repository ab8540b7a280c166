package io.releaseledger.loadbalancer;

/** What an operator (or Release Ledger) asked of a server, independent of its health. */
public enum AdminState {
    /** Takes new sessions. */
    READY,
    /** Finishes the sessions it has and takes no new ones (except sticky ones, if the backend uses persistence). */
    DRAIN,
    /** Out of the load balancer: takes no traffic and gets no health checks. */
    MAINT
}
