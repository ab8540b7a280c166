package io.releaseledger.rollout;

import io.releaseledger.deploy.DeploymentEvents;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.DeploymentRecorder;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.deploy.PlannedInstance;
import io.releaseledger.deploy.PreviousRelease;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.descriptor.SecretReference;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerEngineException;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.health.CheckResult;
import io.releaseledger.health.CheckTarget;
import io.releaseledger.health.GateResult;
import io.releaseledger.health.HealthGates;
import io.releaseledger.health.SecretResolver;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.loadbalancer.DrainResult;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.registry.RegistryCredentials;
import io.releaseledger.report.Messages;
import io.releaseledger.smoke.SmokeReport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Executes a {@link DeploymentPlan}: batch after batch, each instance is taken out of the load balancer (drained
 * until its sessions end), its container replaced by one of the new image (same name, same port, labelled), checked
 * by the health gate on its own address (and, with {@code healthGate: {smokeChecks: true}}, the default, by the
 * environment's smoke checks aimed at that server), and put back once the load balancer's own check passes. Without a
 * load balancer the container is simply recreated.
 *
 * <p>On any failure the previous release is restored on every instance already changed, in reverse order, and every
 * server of the plan is put back to ready whatever happens; then a {@link DeploymentException} names the instance
 * and the cause. Whoever calls it has recorded {@code deployment.started} (with the plan, under the lock); the
 * recorder receives {@code check.recorded}, and
 * {@code deployment.succeeded} or {@code deployment.failed} plus {@code release.rolledback} (automatic).
 */
public final class Deployer {
    private static final Duration POLL = Duration.ofMillis(100);

    private final ReleaseDescriptor descriptor;
    private final EnvironmentSpec environment;
    private final DeployTargets targets;
    private DeploymentRecorder recorder = (type, env, data) -> { };
    private DeploymentListener listener = new DeploymentListener() { };
    private Messages messages = new Messages();
    private Function<SecretReference, String> secrets = ContainerFactory::fromProcessEnvironment;
    private RegistryCredentials registryCredentials;
    private Path workspace = Path.of(".");
    /** Set for tests and tools; {@code null}: the descriptor's {@code container.stopTimeout}. */
    private Duration stopTimeout;

    public Deployer(final ReleaseDescriptor descriptor, final String environment, final DeployTargets targets) {
        this.descriptor = descriptor;
        this.environment = descriptor.getEnvironment(environment).orElseThrow(() -> new DeploymentException(
                "The descriptor has no environment '" + environment + "'."));
        this.targets = targets;
    }

    public Deployer setRecorder(final DeploymentRecorder recorder) {
        this.recorder = recorder;
        return this;
    }

    public Deployer setListener(final DeploymentListener listener) {
        this.listener = listener;
        return this;
    }

    public Deployer setMessages(final Messages messages) {
        this.messages = messages;
        return this;
    }

    /**
     * Resolves secret references of the container's environment and of the checks (a token, basic auth); returns
     * {@code null} for an unknown one. Default: {@code {env: VAR}} from this process.
     */
    public Deployer setSecrets(final Function<SecretReference, String> secrets) {
        this.secrets = secrets;
        return this;
    }

    public Deployer setRegistryCredentials(final RegistryCredentials registryCredentials) {
        this.registryCredentials = registryCredentials;
        return this;
    }

    /** Where env files are read from. */
    public Deployer setWorkspace(final Path workspace) {
        this.workspace = workspace;
        return this;
    }

    /**
     * How long a container has to stop before it is killed; {@code null} (the default) takes the descriptor's
     * {@code container.stopTimeout} (10 s unless it says otherwise).
     */
    public Deployer setStopTimeout(final Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        return this;
    }

    /**
     * Deploys the plan, or restores what ran before and throws.
     *
     * @throws DeploymentException naming the instance and the cause, after the restore
     */
    public DeploymentResult deploy(final DeploymentPlan plan) {
        return new Rollout(plan).run();
    }

    /** One run of {@link #deploy}: what has been changed so far, so that a failure restores exactly that. */
    private final class Rollout {
        private final DeploymentPlan plan;
        private final ContainerFactory factory;
        private final List<PlannedInstance> changed = new ArrayList<>();
        private final List<Map<String, Object>> checks = new ArrayList<>();
        private final long start = System.nanoTime();
        private long checkMillis;
        /** The instance being worked on, named when something fails. */
        private PlannedInstance current;

        Rollout(final DeploymentPlan plan) {
            this.plan = plan;
            this.factory = new ContainerFactory(plan.getApplication(), environment, secrets, workspace);
        }

        DeploymentResult run() {
            messages.info("Deploying %s %s to %s (%s), %s: %s in %s", plan.getApplication(), plan.getVersion(),
                    plan.getEnvironment(), plan.getImage(), plan.getStrategy(),
                    plural(plan.getInstances().size(), "instance"), plural(plan.getBatches().size(), "batch"));
            try {
                ServerSmokeChecks smoke = serverSmokeChecks();
                int total = plan.getBatches().size();
                for (int b = 0; b < total; b++) {
                    List<PlannedInstance> batch = plan.getBatches().get(b);
                    listener.batchStarted(plan, b + 1, total);
                    messages.info("Batch %d/%d: %s", b + 1, total, batch.stream().map(PlannedInstance::describe)
                            .toList());
                    List<String> phases = new ArrayList<>();
                    long batchStart = System.nanoTime();
                    timed(phases, "pull", () -> pullImages(batch));
                    timed(phases, "stop", () -> stopOldWhenRecreatingWithoutBalancer(batch));
                    timed(phases, "drain", () -> drain(batch));
                    Map<PlannedInstance, String> ids = new LinkedHashMap<>();
                    timed(phases, "start", () -> ids.putAll(startNew(batch)));
                    timed(phases, "checks", () -> verify(batch, ids, smoke));
                    timed(phases, "back in", () -> putBack(batch));
                    messages.info("Batch %d/%d done in %s (%s)", b + 1, total, seconds(System.nanoTime() - batchStart),
                            String.join(", ", phases));
                }
            } catch (RuntimeException e) {
                throw failed(e);
            }
            return succeeded();
        }

        /** Runs one phase of a batch and notes its time, e.g. {@code drain 1.2 s}; a phase that took no time is left out. */
        private void timed(final List<String> phases, final String phase, final Runnable work) {
            long begin = System.nanoTime();
            work.run();
            long took = System.nanoTime() - begin;
            if (took >= 50_000_000L) {
                phases.add(phase + " " + seconds(took));
            }
        }

        private ServerSmokeChecks serverSmokeChecks() {
            ServerSmokeChecks smoke = ServerSmokeChecks.of(environment, checkSecrets());
            if (smoke != null && !smoke.getSkipped().isEmpty()) {
                messages.info("Smoke checks not run per server (%s): %s", smoke.isEmpty() ? "none is aimed at one "
                        + "server" : "not aimed at one server", String.join(", ", smoke.getSkipped()));
            }
            return smoke;
        }

        /** Every host of the batch has the image before anything is stopped: a refused pull changes nothing. */
        private void pullImages(final List<PlannedInstance> batch) {
            for (PlannedInstance instance : batch) {
                current = instance;
                pullIfMissing(targets.engine(instance.getHost()), plan.getImage());
            }
            current = null;
        }

        private void stopOldWhenRecreatingWithoutBalancer(final List<PlannedInstance> batch) {
            if (batch.size() > 1 && !batch.get(0).hasLoadBalancer() && "recreate".equals(plan.getStrategy())) {
                for (PlannedInstance instance : batch) {
                    current = instance;
                    // Stopped is changed: the restore starts it again.
                    changed.add(instance);
                    stopOld(instance);
                }
            }
            current = null;
        }

        private void drain(final List<PlannedInstance> batch) {
            checkCapacity(batch);
            for (PlannedInstance instance : batch) {
                current = instance;
                takeOut(instance);
            }
        }

        private Map<PlannedInstance, String> startNew(final List<PlannedInstance> batch) {
            Map<PlannedInstance, String> ids = new LinkedHashMap<>();
            for (PlannedInstance instance : batch) {
                current = instance;
                if (!changed.contains(instance)) {
                    changed.add(instance);
                }
                String id = replace(factory, instance, plan.getImage(), plan.getDigest(), plan.getVersion(),
                        plan.getBuild(), plan.getDeploymentId());
                ids.put(instance, id);
                listener.instanceReplaced(instance, id);
            }
            return ids;
        }

        /** The health gate, then the per-server smoke checks, on each new container of the batch. */
        private void verify(final List<PlannedInstance> batch, final Map<PlannedInstance, String> ids,
                final ServerSmokeChecks smoke) {
            for (PlannedInstance instance : batch) {
                current = instance;
                String id = ids.get(instance);
                GateResult gate = gate(instance, id, plan.getDigest());
                checks.addAll(results(instance, gate));
                checkMillis += gate.getWaited().toMillis();
                if (!gate.isPassed()) {
                    throw new InstanceFailure(instance, "the health gate failed: " + gate.describe()
                            + exitInfo(instance));
                }
                if (smoke != null && !smoke.isEmpty()) {
                    SmokeReport report = smoke.run(instance.getAddress(), instance.getPort());
                    checks.addAll(results(instance, report));
                    checkMillis += report.getTotal().toMillis();
                    messages.info("%s: %s", instance.describe(), report.summary());
                    if (!report.isPassed()) {
                        throw new InstanceFailure(instance, "the smoke checks failed on the server: "
                                + firstFailure(report) + exitInfo(instance));
                    }
                }
                listener.instanceDeployed(instance, id);
            }
        }

        private void putBack(final List<PlannedInstance> batch) {
            for (PlannedInstance instance : batch) {
                current = instance;
                Deployer.this.putBack(instance, true);
                messages.info("%s: runs %s, health gate passed%s", instance.describe(), plan.getVersion(),
                        instance.hasLoadBalancer() ? ", back in " + instance.getBackend() + "/" + instance.getServer()
                                : "");
            }
        }

        /** Restores what was changed, records what is true, and returns the exception to throw. */
        private DeploymentException failed(final RuntimeException e) {
            String cause = e instanceof InstanceFailure ? e.getMessage() : describe(e);
            PlannedInstance where = e instanceof InstanceFailure failure ? failure.instance : current;
            String reason = (where == null ? "" : where.describe() + ": ") + cause;
            messages.error("Deploy of %s %s to %s failed on %s", plan.getApplication(), plan.getVersion(),
                    plan.getEnvironment(), reason);
            if (where != null) {
                listener.instanceFailed(where, cause);
            }
            boolean restoredAll = restore(factory, plan, changed);
            recorder.record(EventTypes.CHECK_RECORDED, plan.getEnvironment(), gateChecks(plan, false, checks,
                    checkMillis));
            // Recorded as it is: a rollback only when the previous release was seen running again everywhere.
            recorder.record(EventTypes.DEPLOYMENT_FAILED, plan.getEnvironment(), DeploymentEvents.failed(plan,
                    restoredAll ? reason : reason + "; the restore of the previous release did not complete, the "
                            + "environment may be half-deployed", restoredAll));
            List<String> previous = plan.getPreviousVersions();
            if (restoredAll && !changed.isEmpty() && previous.size() == 1) {
                recorder.record(EventTypes.RELEASE_ROLLED_BACK, plan.getEnvironment(), DeploymentEvents.rolledBack(
                        plan.getVersion(), previous.get(0), "automatic: " + reason, true));
            }
            String state = changed.isEmpty() ? "Nothing was changed."
                    : restoredAll ? "The previous release was restored on " + plural(changed.size(), "instance")
                            + " and every server is back in the load balancer."
                            : "THE RESTORE DID NOT COMPLETE: the environment may be half-deployed; see the errors above.";
            return new DeploymentException("Deploy of " + plan.getApplication() + " " + plan.getVersion() + " to "
                    + plan.getEnvironment() + " failed on " + reason + ". " + state, e);
        }

        private DeploymentResult succeeded() {
            recorder.record(EventTypes.CHECK_RECORDED, plan.getEnvironment(), gateChecks(plan, true, checks,
                    checkMillis));
            recorder.record(EventTypes.DEPLOYMENT_SUCCEEDED, plan.getEnvironment(), DeploymentEvents.succeeded(plan));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            messages.info("Deployed %s %s to %s: %s in %s, %d.%d s", plan.getApplication(), plan.getVersion(),
                    plan.getEnvironment(), plural(plan.getInstances().size(), "instance"),
                    plural(plan.getBatches().size(), "batch"), took.toSeconds(), took.toMillisPart() / 100);
            return new DeploymentResult(plan, took);
        }
    }

    /** {@code 1.2 s}: a duration in nanoseconds, to a tenth of a second. */
    static String seconds(final long nanos) {
        Duration duration = Duration.ofNanos(nanos);
        return duration.toSeconds() + "." + duration.toMillisPart() / 100 + " s";
    }

    /** {@code 1 instance}, {@code 2 instances}, {@code 2 batches}. */
    static String plural(final int count, final String noun) {
        return count + " " + noun + (count == 1 ? "" : noun.endsWith("h") ? "es" : "s");
    }

    /**
     * Reconciles the environment after the process running {@code plan} died or was stopped: when every instance
     * already runs the new release and every server serves, the deploy is recorded as succeeded; otherwise every
     * instance is put back on its previous release. Nothing is recorded as restored until the end state is seen:
     * every instance runs the recorded digest and every server is UP in the load balancer; otherwise the deploy is
     * recorded as failed with what is left, and a {@link DeploymentException} says it. Returns whether the new
     * release was kept.
     */
    public boolean reconcile(final DeploymentPlan plan) {
        // A stop the dead process asked of a container goes on in the daemon for up to the stop timeout: look after it.
        sleep(stopTimeout().plusSeconds(2));
        ContainerFactory factory = new ContainerFactory(plan.getApplication(), environment, secrets, workspace);
        if (runsEverywhere(plan)) {
            for (PlannedInstance instance : plan.getInstances()) {
                if (instance.hasLoadBalancer()) {
                    putBack(instance, false);
                }
            }
            List<String> left = leftOver(plan, instance -> plan.getDigest());
            if (left.isEmpty()) {
                messages.warning("Reconciled %s: every instance already runs %s and every server serves; recorded the "
                        + "interrupted deploy as succeeded", plan.getEnvironment(), plan.getVersion());
                recorder.record(EventTypes.DEPLOYMENT_SUCCEEDED, plan.getEnvironment(), DeploymentEvents.succeeded(plan));
                return true;
            }
            messages.warning("Reconciled %s: every instance runs %s, but %s; putting the previous release back",
                    plan.getEnvironment(), plan.getVersion(), String.join("; ", left));
        }
        List<PlannedInstance> changed = changedFromPrevious(plan);
        boolean ok = restore(factory, plan, changed);
        List<String> left = leftOver(plan, Deployer::previousDigest);
        if (!ok || !left.isEmpty()) {
            messages.warning("Reconciling %s: the restore did not end in the recorded state (%s); trying once more",
                    plan.getEnvironment(), left.isEmpty() ? "see the errors above" : String.join("; ", left));
            sleep(stopTimeout().plusSeconds(2));
            changed = changedFromPrevious(plan);
            ok = restore(factory, plan, changed);
            left = leftOver(plan, Deployer::previousDigest);
        }
        if (!left.isEmpty() || !ok) {
            String what = left.isEmpty() ? "see the errors above" : "left: " + String.join("; ", left);
            String reason = "interrupted: the deploying process died or was stopped, and the restore of the previous "
                    + "release did not complete (" + what + ")";
            recorder.record(EventTypes.DEPLOYMENT_FAILED, plan.getEnvironment(), DeploymentEvents.failed(plan, reason, false));
            throw new DeploymentException("Reconciling " + plan.getEnvironment() + " after the interrupted deploy of "
                    + plan.getVersion() + " did not complete; the environment may be half-deployed: " + what + ".");
        }
        String reason = "interrupted: the deploying process died or was stopped; the previous release was restored";
        recorder.record(EventTypes.DEPLOYMENT_FAILED, plan.getEnvironment(), DeploymentEvents.failed(plan, reason, true));
        List<String> previous = plan.getPreviousVersions();
        if (previous.size() == 1) {
            recorder.record(EventTypes.RELEASE_ROLLED_BACK, plan.getEnvironment(),
                    DeploymentEvents.rolledBack(plan.getVersion(), previous.get(0), reason, true));
        }
        messages.warning("Reconciled %s: %s put back on the previous release; every instance runs its "
                + "recorded digest and every server serves", plan.getEnvironment(), plural(changed.size(), "instance"));
        return false;
    }

    /** Whether every instance runs the plan's new digest. */
    private boolean runsEverywhere(final DeploymentPlan plan) {
        for (PlannedInstance instance : plan.getInstances()) {
            ContainerState state = inspect(instance);
            if (state == null || !state.isRunning() || !plan.getDigest().equals(state.getLabels().get(Labels.DIGEST))) {
                return false;
            }
        }
        return true;
    }

    /** The instances that do not run their previous release (a first deploy's: that have a container). */
    private List<PlannedInstance> changedFromPrevious(final DeploymentPlan plan) {
        List<PlannedInstance> changed = new ArrayList<>();
        for (PlannedInstance instance : plan.getInstances()) {
            ContainerState state = inspect(instance);
            String digest = state == null ? null : state.getLabels().get(Labels.DIGEST);
            boolean runsOld = instance.getPrevious() == null ? state == null
                    : state != null && state.isRunning() && instance.getPrevious().getDigest().equals(digest);
            if (!runsOld) {
                changed.add(instance);
            }
        }
        return changed;
    }

    private static String previousDigest(final PlannedInstance instance) {
        return instance.getPrevious() == null ? null : instance.getPrevious().getDigest();
    }

    /**
     * What differs from the end state: each instance running {@code digest} (no container when it is {@code null}),
     * and the server of each running one ready and UP in the load balancer. Empty when every instance is as wanted.
     */
    private List<String> leftOver(final DeploymentPlan plan, final Function<PlannedInstance, String> digest) {
        return leftOver(plan, digest, instance -> true);
    }

    /** As above; only the instances {@code inspected} accepts have their container checked, every server is. */
    private List<String> leftOver(final DeploymentPlan plan, final Function<PlannedInstance, String> digest,
            final Predicate<PlannedInstance> inspected) {
        List<String> left = new ArrayList<>();
        for (PlannedInstance instance : plan.getInstances()) {
            if (!inspected.test(instance)) {
                serverLeft(instance).ifPresent(left::add);
                continue;
            }
            String wanted = digest.apply(instance);
            ContainerState state;
            try {
                state = inspect(instance);
            } catch (RuntimeException e) {
                left.add(instance.describe() + " cannot be inspected (" + describe(e) + ")");
                continue;
            }
            String runs = state == null ? null : state.getLabels().get(Labels.DIGEST);
            if (wanted == null) {
                if (state != null) {
                    left.add(instance.describe() + " still has a container (" + state.getStatus() + ")");
                }
                continue;
            }
            if (state == null || !state.isRunning() || !wanted.equals(runs)) {
                left.add(instance.describe() + (state == null ? " has no container"
                        : !state.isRunning() ? " is not running (" + state.getStatus() + ")"
                        : " runs " + runs + ", not " + wanted));
                continue;
            }
            serverLeft(instance).ifPresent(left::add);
        }
        return left;
    }

    /** What is wrong with the instance's server: not ready and UP in the load balancer; empty without one. */
    private Optional<String> serverLeft(final PlannedInstance instance) {
        if (!instance.hasLoadBalancer()) {
            return Optional.empty();
        }
        String name = "server " + instance.getBackend() + "/" + instance.getServer();
        ServerState server;
        try {
            server = server(targets.loadBalancer(), instance);
        } catch (RuntimeException e) {
            return Optional.of(name + " cannot be read (" + describe(e) + ")");
        }
        if (server == null || !server.isServing()) {
            return Optional.of(name + " is " + (server == null ? "missing"
                    : server.getAdminState() + "/" + server.getOperationalState()) + " in the load balancer");
        }
        return Optional.empty();
    }

    /** The instance's container, {@code null} when it has none. */
    private ContainerState inspect(final PlannedInstance instance) {
        try {
            return targets.engine(instance.getHost()).inspect(instance.getContainerName());
        } catch (ContainerEngineException missing) {
            return null;
        }
    }

    private void stopOld(final PlannedInstance instance) {
        ContainerEngine engine = targets.engine(instance.getHost());
        stopQuietly(engine, instance.getContainerName());
    }

    /**
     * Before a batch that serves is drained: some server left in the backend serves (UP and ready in the load
     * balancer), and the batch with those that do not stays within {@code maxUnavailable}. Waits up to the health gate's timeout for
     * a server that is coming back, then refuses, changing nothing of the batch.
     */
    private void checkCapacity(final List<PlannedInstance> batch) {
        if (batch.isEmpty() || !batch.get(0).hasLoadBalancer()) {
            return;
        }
        List<String> out = batch.stream().map(PlannedInstance::getServer).toList();
        String backend = batch.get(0).getBackend();
        int allowed = environment.getStrategy().getMaxUnavailable();
        long deadline = System.nanoTime() + environment.getHealthGate().getTimeout().toNanos();
        while (true) {
            List<ServerState> servers = targets.loadBalancer().servers(backend);
            List<String> notServing = new ArrayList<>();
            int left = 0;
            boolean batchServes = false;
            for (ServerState server : servers) {
                if (out.contains(server.getName())) {
                    batchServes |= server.isServing();
                    continue;
                }
                left++;
                if (!server.isServing()) {
                    notServing.add(server.getName() + " " + server.getAdminState() + "/" + server.getOperationalState());
                }
            }
            int unavailable = out.size() + notServing.size();
            boolean someoneServes = left == 0 || notServing.size() < left;
            // A batch that serves nothing (a first deploy, instances that are down) takes no capacity away.
            if (!batchServes || someoneServes && unavailable <= allowed) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new InstanceFailure(batch.get(0), "refusing to take " + String.join(", ", out) + " out of "
                        + backend + ": " + (left - notServing.size()) + " of the " + plural(left, "other server") + " serve"
                        + (left - notServing.size() == 1 ? "s" : "") + " (not serving: " + String.join(", ", notServing)
                        + "), and " + plural(unavailable, "server") + " out of service would exceed maxUnavailable " + allowed + " or leave none serving");
            }
            sleep(POLL);
        }
    }

    private void takeOut(final PlannedInstance instance) {
        if (!instance.hasLoadBalancer()) {
            return;
        }
        LoadBalancer lb = targets.loadBalancer();
        lb.drain(instance.getBackend(), instance.getServer());
        listener.serverOut(instance);
        DrainResult drained = lb.waitUntilDrained(instance.getBackend(), instance.getServer(),
                environment.getLoadBalancer().getDrainTimeout());
        listener.serverDrained(instance, drained);
        if (!drained.isDrained()) {
            messages.warning("%s: %s; replacing it anyway", instance.describe(), drained);
        }
    }

    /** Ready again, and (bounded) until the load balancer's own check says it serves. */
    private void putBack(final PlannedInstance instance, final boolean mustServe) {
        if (!instance.hasLoadBalancer()) {
            return;
        }
        LoadBalancer lb = targets.loadBalancer();
        lb.ready(instance.getBackend(), instance.getServer());
        listener.serverIn(instance);
        long deadline = System.nanoTime() + environment.getHealthGate().getTimeout().toNanos();
        ServerState state = null;
        while (System.nanoTime() < deadline) {
            state = server(lb, instance);
            if (state != null && state.isServing()) {
                listener.serverServing(instance);
                return;
            }
            sleep(POLL);
        }
        if (mustServe) {
            throw new InstanceFailure(instance, "the load balancer's check did not pass within "
                    + environment.getHealthGate().getTimeout().toSeconds() + " s (" + state + ")");
        }
        messages.warning("%s: back in the load balancer, but its check does not pass yet (%s)", instance.describe(), state);
    }

    private static ServerState server(final LoadBalancer lb, final PlannedInstance instance) {
        return lb.servers(instance.getBackend()).stream().filter(s -> s.getName().equals(instance.getServer()))
                .findFirst().orElse(null);
    }

    private String replace(final ContainerFactory factory, final PlannedInstance instance, final String image,
            final String digest, final String version, final String build, final String deploymentId) {
        ContainerEngine engine = targets.engine(instance.getHost());
        pullIfMissing(engine, image);
        stopQuietly(engine, instance.getContainerName());
        engine.remove(instance.getContainerName());
        String id = engine.create(factory.request(instance, image, digest, version, build, deploymentId));
        engine.start(id);
        return id;
    }

    private void pullIfMissing(final ContainerEngine engine, final String image) {
        if (!engine.hasImage(image)) {
            engine.pull(image, registryCredentials);
        }
    }

    private void stopQuietly(final ContainerEngine engine, final String container) {
        Duration timeout = stopTimeout();
        long start = System.nanoTime();
        try {
            engine.stop(container, timeout);
        } catch (ContainerEngineException e) {
            // missing already; a host that is down fails on the next call with a better message
            return;
        }
        // Docker kills a container still running when the timeout is over: a stop that took that long was one.
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        if (seconds >= timeout.toSeconds()) {
            messages.warning("Stopping %s timed out: it did not stop on SIGTERM and had to be killed after %d s. "
                    + "Give the environment's container init: true (Docker's init forwards SIGTERM), make the image "
                    + "stop on SIGTERM, or lower container.stopTimeout", container, seconds);
        }
    }

    private Duration stopTimeout() {
        return stopTimeout != null ? stopTimeout : environment.getContainer().getStopTimeout();
    }

    private GateResult gate(final PlannedInstance instance, final String containerId, final String digest) {
        ContainerEngine engine = targets.engine(instance.getHost());
        return HealthGates.from(environment.getHealthGate(), engine, checkSecrets(), environment.getName(),
                instance.getHost(), instance.getIndex())
                .await(new CheckTarget(instance.getAddress(), instance.getPort(), containerId, digest));
    }

    /** The Deployer's secrets for the checks: a reference it cannot resolve fails the check, naming it. */
    private SecretResolver checkSecrets() {
        return reference -> {
            String value = secrets.apply(reference);
            if (value == null || value.isEmpty()) {
                throw new DeploymentException("the secret of " + reference + " is not available where the deploy "
                        + "runs");
            }
            return value;
        };
    }

    /** {@code check.recorded} of the gate: its results and those of the smoke checks run per server. */
    private Map<String, Object> gateChecks(final DeploymentPlan plan, final boolean passed,
            final List<Map<String, Object>> results, final long millis) {
        Map<String, Object> data = DeploymentEvents.checks(plan, passed, results);
        data.put("run", "gate");
        data.put("environment", plan.getEnvironment());
        data.put("millis", millis);
        return data;
    }

    static List<Map<String, Object>> results(final PlannedInstance instance, final GateResult gate) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Map<String, Object> result : gate.toJson()) {
            results.add(named(instance, "", result));
        }
        return results;
    }

    static List<Map<String, Object>> results(final PlannedInstance instance, final SmokeReport report) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (CheckResult result : report.getResults()) {
            results.add(named(instance, "smoke ", result.toJson()));
        }
        return results;
    }

    /** The result named after its instance, with the instance's address as its target when it names none. */
    private static Map<String, Object> named(final PlannedInstance instance, final String prefix,
            final Map<String, Object> result) {
        Map<String, Object> named = new LinkedHashMap<>(result);
        named.put("name", instance.getHost() + "/" + instance.getContainerName() + " " + prefix + result.get("name"));
        if (!named.containsKey("target") && instance.getPort() > 0) {
            named.put("target", instance.getAddress() + ":" + instance.getPort());
        }
        return named;
    }

    static String firstFailure(final SmokeReport report) {
        return report.getResults().stream().filter(result -> !result.isPassed()).findFirst()
                .map(result -> result.getName() + " failed: " + result.getDetail())
                .orElse(report.summary());
    }

    private String exitInfo(final PlannedInstance instance) {
        try {
            ContainerEngine engine = targets.engine(instance.getHost());
            ContainerState state = engine.inspect(instance.getContainerName());
            if (state.isRunning() && !state.isRestarting()) {
                return "";
            }
            String logs = engine.logs(instance.getContainerName(), 5).strip();
            return "; the container " + (state.getExitCode().map(code -> "exited with code " + code)
                    .orElse("is " + state.getStatus())) + (logs.isEmpty() ? "" : ", its last output: " + logs);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Restores every changed instance, newest change first, then puts every server back; true when all went well. */
    private boolean restore(final ContainerFactory factory, final DeploymentPlan plan,
            final List<PlannedInstance> changed) {
        boolean ok = true;
        List<PlannedInstance> reverse = new ArrayList<>(changed);
        Collections.reverse(reverse);
        try {
            // Servers drained but not changed serve the previous release already: back first, before any restore
            // drains another one.
            for (PlannedInstance instance : plan.getInstances()) {
                if (instance.hasLoadBalancer() && !changed.contains(instance)) {
                    try {
                        targets.loadBalancer().ready(instance.getBackend(), instance.getServer());
                    } catch (RuntimeException e) {
                        // tried again with every server below
                    }
                }
            }
            for (PlannedInstance instance : reverse) {
                try {
                    restoreOne(factory, instance);
                    listener.instanceRestored(instance);
                    // Back in at once: restoring the next one drains it, and capacity must not shrink on the way back.
                    if (instance.hasLoadBalancer() && instance.getPrevious() != null) {
                        targets.loadBalancer().ready(instance.getBackend(), instance.getServer());
                        listener.serverIn(instance);
                        putBack(instance, false);
                    }
                } catch (RuntimeException e) {
                    ok = false;
                    messages.error("%s: could not restore the previous release: %s", instance.describe(), describe(e));
                }
            }
        } finally {
            for (PlannedInstance instance : plan.getInstances()) {
                if (!instance.hasLoadBalancer()) {
                    continue;
                }
                try {
                    targets.loadBalancer().ready(instance.getBackend(), instance.getServer());
                    listener.serverIn(instance);
                } catch (RuntimeException e) {
                    ok = false;
                    messages.error("%s: could not put server %s/%s back to ready: %s", instance.describe(),
                            instance.getBackend(), instance.getServer(), describe(e));
                }
            }
        }
        for (PlannedInstance instance : reverse) {
            if (instance.hasLoadBalancer() && instance.getPrevious() != null) {
                try {
                    putBack(instance, false);
                } catch (RuntimeException e) {
                    ok = false;
                    messages.error("%s: %s", instance.describe(), describe(e));
                }
            }
        }
        // Restored only when seen: every instance it changed on its previous digest, every server serving.
        List<String> left = changed.isEmpty() ? List.of()
                : leftOver(plan, Deployer::previousDigest, changed::contains);
        for (String what : left) {
            messages.error("Restore of %s not complete: %s", plan.getEnvironment(), what);
        }
        return ok && left.isEmpty();
    }

    private void restoreOne(final ContainerFactory factory, final PlannedInstance instance) {
        PreviousRelease previous = instance.getPrevious();
        ContainerEngine engine = targets.engine(instance.getHost());
        if (instance.hasLoadBalancer()) {
            LoadBalancer lb = targets.loadBalancer();
            lb.drain(instance.getBackend(), instance.getServer());
            lb.waitUntilDrained(instance.getBackend(), instance.getServer(), environment.getLoadBalancer().getDrainTimeout());
        }
        if (previous == null) {
            stopQuietly(engine, instance.getContainerName());
            engine.remove(instance.getContainerName());
            messages.warning("%s: removed the new container (there was no previous release)", instance.describe());
            return;
        }
        String id = replace(factory, instance, previous.getImage(), previous.getDigest(), previous.getVersion(),
                previous.getBuild(), null);
        GateResult gate = gate(instance, id, previous.getDigest());
        if (!gate.isPassed()) {
            throw new DeploymentException("the previous release " + previous.getVersion() + " is running again but "
                    + "fails its health gate: " + gate.describe());
        }
        messages.warning("%s: restored %s (%s)", instance.describe(), previous.getVersion(), previous.getDigest());
    }

    private static String describe(final RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("Interrupted while waiting for the load balancer.", e);
        }
    }

    /** A failure of one instance, with the instance it happened on. */
    private static final class InstanceFailure extends DeploymentException {
        private static final long serialVersionUID = 1L;
        private final transient PlannedInstance instance;

        InstanceFailure(final PlannedInstance instance, final String message) {
            super(message);
            this.instance = instance;
        }
    }
}
