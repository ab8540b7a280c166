package io.releaseledger.bench;

import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.PlannedInstance;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.loadbalancer.DrainResult;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.registry.RegistryCredentials;
import io.releaseledger.rollout.DeployTargets;
import io.releaseledger.rollout.DeploymentListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Timestamps of one rolling deploy, for {@link RollingBench}. Two sources:
 *
 * <ul>
 *   <li>the engine's {@link DeploymentListener} callbacks ({@code batchStarted}, {@code serverOut},
 *       {@code instanceDeployed}, {@code serverIn}), which is all the engine reports;</li>
 *   <li>decorators of the two ports the {@code Deployer} works through ({@link ContainerEngine} and
 *       {@link LoadBalancer}, handed out by {@link #targets}), for the cuts no callback marks: when
 *       {@code waitUntilDrained} returns (end of drain), when {@code start} returns (end of replace), and the first
 *       {@code servers} answer after {@code serverIn} that shows the instance's server serving (end of ready).
 *       Also the plan's split: registry resolve (until the first {@code findByLabels}) and reading the host.</li>
 * </ul>
 *
 * Batches of one instance are assumed (the harness's strategy is {@code rolling, batchSize 1}).
 */
final class PhaseProbe implements DeploymentListener {
    /** The per-instance marks, {@code System.nanoTime()}; 0 when not seen. */
    static final class Marks {
        final String server;
        long batchStarted;
        long serverOut;
        long drained;
        boolean drainedInTime;
        long started;
        long deployed;
        long serverIn;
        long serving;
        int servingPolls;
        /** Sums of the docker calls inside replace, nanoseconds: hasImage, pull, stop, remove, create, start. */
        final long[] docker = new long[6];

        Marks(String server) {
            this.server = server;
        }
    }

    static final String[] DOCKER_CALLS = {"hasImage", "pull", "stop", "remove", "create", "start"};

    private final List<Marks> instances = new ArrayList<>();
    private Marks current;
    private boolean inPlan;
    long planFirstRead;
    long planReadNanos;
    /** Docker calls of the health gate (inspect), count and nanoseconds, per deploy. */
    int gateInspects;

    /** Forgets the last deploy's marks. */
    void reset() {
        instances.clear();
        current = null;
        planFirstRead = 0;
        planReadNanos = 0;
        gateInspects = 0;
    }

    void planning(boolean planning) {
        inPlan = planning;
    }

    List<Marks> instances() {
        return instances;
    }

    DeployTargets targets(DeployTargets delegate) {
        return new Targets(delegate);
    }

    @Override
    public void batchStarted(DeploymentPlan plan, int number, int total) {
        long now = System.nanoTime();
        List<PlannedInstance> batch = plan.getBatches().get(number - 1);
        if (batch.size() != 1) {
            throw new IllegalStateException("the probe cuts phases per instance and needs batches of one, not " + batch);
        }
        current = new Marks(batch.get(0).getServer());
        current.batchStarted = now;
        instances.add(current);
    }

    @Override
    public void serverOut(PlannedInstance instance) {
        mark(instance).serverOut = System.nanoTime();
    }

    @Override
    public void instanceDeployed(PlannedInstance instance, String containerId) {
        mark(instance).deployed = System.nanoTime();
    }

    @Override
    public void serverIn(PlannedInstance instance) {
        mark(instance).serverIn = System.nanoTime();
    }

    @Override
    public void instanceFailed(PlannedInstance instance, String cause) {
        throw new IllegalStateException("instance " + instance.describe() + " failed: " + cause);
    }

    private Marks mark(PlannedInstance instance) {
        if (current == null || !current.server.equals(instance.getServer())) {
            throw new IllegalStateException("callback for " + instance.getServer() + " outside its batch");
        }
        return current;
    }

    private final class Targets implements DeployTargets {
        private final DeployTargets delegate;
        private final Map<String, ContainerEngine> engines = new LinkedHashMap<>();
        private LoadBalancer loadBalancer;

        Targets(DeployTargets delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized ContainerEngine engine(String host) {
            return engines.computeIfAbsent(host, h -> new TimedEngine(delegate.engine(h)));
        }

        @Override
        public synchronized LoadBalancer loadBalancer() {
            if (loadBalancer == null && delegate.loadBalancer() != null) {
                loadBalancer = new TimedLoadBalancer(delegate.loadBalancer());
            }
            return loadBalancer;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private final class TimedEngine implements ContainerEngine {
        private final ContainerEngine delegate;

        TimedEngine(ContainerEngine delegate) {
            this.delegate = delegate;
        }

        private void add(int call, long t0) {
            if (current != null && current.started == 0) {
                current.docker[call] += System.nanoTime() - t0;
            }
        }

        @Override
        public DockerHost getHost() {
            return delegate.getHost();
        }

        @Override
        public String ping() {
            return delegate.ping();
        }

        @Override
        public void pull(String imageByDigest, RegistryCredentials credentials) {
            long t0 = System.nanoTime();
            delegate.pull(imageByDigest, credentials);
            add(1, t0);
        }

        @Override
        public boolean hasImage(String image) {
            long t0 = System.nanoTime();
            boolean has = delegate.hasImage(image);
            add(0, t0);
            return has;
        }

        @Override
        public List<String> repoDigests(String image) {
            return delegate.repoDigests(image);
        }

        @Override
        public String create(ContainerRequest request) {
            long t0 = System.nanoTime();
            String id = delegate.create(request);
            add(4, t0);
            return id;
        }

        @Override
        public void start(String container) {
            long t0 = System.nanoTime();
            delegate.start(container);
            add(5, t0);
            if (current != null) {
                current.started = System.nanoTime();
            }
        }

        @Override
        public ContainerState inspect(String container) {
            if (current != null && current.started != 0 && current.deployed == 0) {
                gateInspects++;
            }
            return delegate.inspect(container);
        }

        @Override
        public void stop(String container, Duration timeout) {
            long t0 = System.nanoTime();
            try {
                delegate.stop(container, timeout);
            } finally {
                add(2, t0);
            }
        }

        @Override
        public void remove(String container) {
            long t0 = System.nanoTime();
            delegate.remove(container);
            add(3, t0);
        }

        @Override
        public List<ContainerSummary> findByLabels(Map<String, String> labels) {
            long t0 = System.nanoTime();
            List<ContainerSummary> found = delegate.findByLabels(labels);
            if (inPlan) {
                if (planFirstRead == 0) {
                    planFirstRead = t0;
                }
                planReadNanos += System.nanoTime() - t0;
            }
            return found;
        }

        @Override
        public String logs(String container, int lines) {
            return delegate.logs(container, lines);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private final class TimedLoadBalancer implements LoadBalancer {
        private final LoadBalancer delegate;

        TimedLoadBalancer(LoadBalancer delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<ServerState> servers(String backend) {
            List<ServerState> servers = delegate.servers(backend);
            long now = System.nanoTime();
            if (current != null && current.serverIn != 0 && current.serving == 0) {
                current.servingPolls++;
                for (ServerState server : servers) {
                    if (server.getName().equals(current.server) && server.isServing()) {
                        current.serving = now;
                    }
                }
            }
            return servers;
        }

        @Override
        public void drain(String backend, String server) {
            delegate.drain(backend, server);
        }

        @Override
        public void ready(String backend, String server) {
            delegate.ready(backend, server);
        }

        @Override
        public void maintenance(String backend, String server) {
            delegate.maintenance(backend, server);
        }

        @Override
        public int currentSessions(String backend, String server) {
            return delegate.currentSessions(backend, server);
        }

        @Override
        public DrainResult waitUntilDrained(String backend, String server, Duration timeout) {
            DrainResult result = delegate.waitUntilDrained(backend, server, timeout);
            if (current != null && current.server.equals(server)) {
                current.drained = System.nanoTime();
                current.drainedInTime = result.isDrained();
            }
            return result;
        }

        @Override
        public void setAddress(String backend, String server, String host, int port) {
            delegate.setAddress(backend, server, host, port);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
