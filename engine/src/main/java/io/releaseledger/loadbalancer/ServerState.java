package io.releaseledger.loadbalancer;

import java.util.Objects;

/** One server of a backend as the load balancer sees it at one moment. Immutable. */
public final class ServerState {
    private final String name;
    private final String address;
    private final int port;
    private final AdminState adminState;
    private final OperationalState operationalState;
    private final int currentSessions;
    private final String checkStatus;
    private final String checkDescription;

    /**
     * @param name the server's name in its backend
     * @param address the address traffic goes to (an IP address as the load balancer reports it)
     * @param port the port traffic goes to, 0 when the load balancer reports none
     * @param adminState what was asked of the server
     * @param operationalState what its health checks say
     * @param currentSessions sessions open on it now
     * @param checkStatus the last health check's short status ("L7OK", "L4CON"), empty when it is not checked
     * @param checkDescription the last health check's result in words, empty when there is none
     */
    public ServerState(final String name, final String address, final int port, final AdminState adminState,
            final OperationalState operationalState, final int currentSessions, final String checkStatus,
            final String checkDescription) {
        this.name = Objects.requireNonNull(name, "name");
        this.address = Objects.requireNonNull(address, "address");
        this.port = port;
        this.adminState = Objects.requireNonNull(adminState, "adminState");
        this.operationalState = Objects.requireNonNull(operationalState, "operationalState");
        this.currentSessions = currentSessions;
        this.checkStatus = Objects.requireNonNull(checkStatus, "checkStatus");
        this.checkDescription = Objects.requireNonNull(checkDescription, "checkDescription");
    }

    public String getName() {
        return name;
    }

    public String getAddress() {
        return address;
    }

    public int getPort() {
        return port;
    }

    public AdminState getAdminState() {
        return adminState;
    }

    public OperationalState getOperationalState() {
        return operationalState;
    }

    public int getCurrentSessions() {
        return currentSessions;
    }

    /** The last health check's short status ("L7OK", "L4CON", "L7STS"), empty when the server is not checked. */
    public String getCheckStatus() {
        return checkStatus;
    }

    /** The last health check's result in words ("Layer4 connection problem"), empty when there is none. */
    public String getCheckDescription() {
        return checkDescription;
    }

    /** Ready and passing its checks: it takes new traffic. */
    public boolean isServing() {
        return adminState == AdminState.READY && operationalState == OperationalState.UP;
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ServerState)) {
            return false;
        }
        ServerState that = (ServerState) other;
        return port == that.port && currentSessions == that.currentSessions && name.equals(that.name)
                && address.equals(that.address) && adminState == that.adminState
                && operationalState == that.operationalState && checkStatus.equals(that.checkStatus)
                && checkDescription.equals(that.checkDescription);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, address, port, adminState, operationalState, currentSessions, checkStatus,
                checkDescription);
    }

    @Override
    public String toString() {
        return name + " " + address + ":" + port + " " + adminState + "/" + operationalState + ", "
                + currentSessions + " sessions" + (checkStatus.isEmpty() ? "" : ", check " + checkStatus);
    }
}
