package io.releaseledger.descriptor;

import java.time.Duration;

/**
 * The HAProxy in front of an environment, driven through its runtime API: each server is drained, replaced,
 * checked and enabled again.
 */
public final class LoadBalancerSpec {
    private final String runtimeApi;
    private final String socketPath;
    private final String apiHost;
    private final int apiPort;
    private final String backend;
    private final String serverName;
    private final Duration drainTimeout;

    LoadBalancerSpec(final String runtimeApi, final String socketPath, final String apiHost, final int apiPort,
            final String backend, final String serverName, final Duration drainTimeout) {
        this.runtimeApi = runtimeApi;
        this.socketPath = socketPath;
        this.apiHost = apiHost;
        this.apiPort = apiPort;
        this.backend = backend;
        this.serverName = serverName;
        this.drainTimeout = drainTimeout;
    }

    /** The runtime API's address as written: a socket path or {@code host:port}. */
    public String getRuntimeApi() {
        return runtimeApi;
    }

    /** The runtime API's UNIX socket, or {@code null} for TCP. */
    public String getSocketPath() {
        return socketPath;
    }

    /** The runtime API's TCP host, or {@code null} for a socket. */
    public String getApiHost() {
        return apiHost;
    }

    /** The runtime API's TCP port, or 0 for a socket. */
    public int getApiPort() {
        return apiPort;
    }

    /** The HAProxy backend holding the environment's servers. */
    public String getBackend() {
        return backend;
    }

    /** Pattern of the server names, with {@code {environment}}, {@code {host}} and {@code {instance}}. */
    public String getServerName() {
        return serverName;
    }

    /** The longest wait for a drained server's sessions to reach zero. */
    public Duration getDrainTimeout() {
        return drainTimeout;
    }

    /** The HAProxy server of one instance (1-based) on one host. */
    public String serverName(final String environment, final DockerHostSpec host, final int instance) {
        return Placeholders.replace(serverName, environment, host.getName(), host.getAddress(), instance, 0);
    }
}
