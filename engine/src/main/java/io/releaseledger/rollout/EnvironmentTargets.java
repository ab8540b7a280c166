package io.releaseledger.rollout;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.descriptor.DockerHostSpec;
import io.releaseledger.descriptor.DockerTlsSpec;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.LoadBalancerSpec;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.TlsPem;
import io.releaseledger.docker.javaclient.DockerJavaEngine;
import io.releaseledger.docker.javaclient.DockerJavaSwarm;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.loadbalancer.haproxy.HaproxyLoadBalancer;
import io.releaseledger.swarm.SwarmEngine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connects to the Docker hosts and the HAProxy of one environment as the descriptor names them: unix sockets, TCP,
 * TCP with TLS certificate files. A TLS host given by Jenkins credentials id needs its PEM texts resolved by the
 * front end first ({@link #setCertificates}); they stay in memory.
 */
public final class EnvironmentTargets implements DeployTargets {
    private final EnvironmentSpec environment;
    private final Map<String, ContainerEngine> engines = new LinkedHashMap<>();
    private final Map<String, SwarmEngine> managers = new LinkedHashMap<>();
    private final Map<String, TlsPem> certificates = new LinkedHashMap<>();
    private LoadBalancer loadBalancer;

    public EnvironmentTargets(final EnvironmentSpec environment) {
        this.environment = environment;
    }

    /** The CA, client certificate and key of a host given by credentials id, as the front end resolved them. */
    public EnvironmentTargets setCertificates(final String host, final TlsPem pem) {
        certificates.put(host, pem);
        return this;
    }

    @Override
    public synchronized ContainerEngine engine(final String host) {
        ContainerEngine engine = engines.get(host);
        if (engine == null) {
            engine = DockerJavaEngine.connect(dockerHost(hostSpec(host)));
            engines.put(host, engine);
        }
        return engine;
    }

    @Override
    public synchronized SwarmEngine swarm(final String host) {
        SwarmEngine manager = managers.get(host);
        if (manager == null) {
            manager = DockerJavaSwarm.connect(dockerHost(hostSpec(host)));
            managers.put(host, manager);
        }
        return manager;
    }

    private DockerHostSpec hostSpec(final String host) {
        return environment.getHosts().stream().filter(h -> h.getName().equals(host)).findFirst()
                .orElseThrow(() -> new DeploymentException("Environment " + environment.getName()
                        + " has no host named '" + host + "'; the plan does not match the descriptor."));
    }

    private DockerHost dockerHost(final DockerHostSpec spec) {
        if (spec.getScheme() == DockerHostSpec.Scheme.UNIX) {
            return DockerHost.unixSocket(Path.of(spec.getSocketPath()));
        }
        DockerTlsSpec tls = spec.getTls();
        if (tls == null) {
            return DockerHost.tcp(spec.getHostName(), spec.getPort());
        }
        if (tls.isCredentials()) {
            TlsPem pem = certificates.get(spec.getName());
            if (pem == null) {
                throw new DeploymentException("Host " + spec.getName() + " of environment " + environment.getName()
                        + " uses TLS credentials '" + tls.getCredentialsId() + "', which only Jenkins can resolve; "
                        + "give ca, cert and key files for the CLI.");
            }
            return DockerHost.tls(spec.getHostName(), spec.getPort(), pem);
        }
        return DockerHost.tls(spec.getHostName(), spec.getPort(), Path.of(tls.getCaPath()), Path.of(tls.getCertPath()),
                Path.of(tls.getKeyPath()));
    }

    @Override
    public synchronized LoadBalancer loadBalancer() {
        LoadBalancerSpec spec = environment.getLoadBalancer();
        if (spec == null) {
            return null;
        }
        if (loadBalancer == null) {
            loadBalancer = spec.getSocketPath() != null ? HaproxyLoadBalancer.overUnixSocket(Path.of(spec.getSocketPath()))
                    : HaproxyLoadBalancer.overTcp(spec.getApiHost(), spec.getApiPort());
        }
        return loadBalancer;
    }

    @Override
    public synchronized void close() {
        engines.values().forEach(ContainerEngine::close);
        engines.clear();
        managers.values().forEach(SwarmEngine::close);
        managers.clear();
        if (loadBalancer != null) {
            loadBalancer.close();
            loadBalancer = null;
        }
    }
}
