package io.releaseledger.rollout;

import io.releaseledger.deploy.DeploymentEvents;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.DeploymentRecorder;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.deploy.PlannedInstance;
import io.releaseledger.deploy.PreviousRelease;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.SecretReference;
import io.releaseledger.descriptor.SwarmSpec;
import io.releaseledger.descriptor.SwarmUpdateSpec;
import io.releaseledger.docker.ContainerRequest;
import io.releaseledger.health.GateResult;
import io.releaseledger.health.SecretResolver;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.registry.ImageReference;
import io.releaseledger.registry.RegistryCredentials;
import io.releaseledger.report.Messages;
import io.releaseledger.smoke.SmokeReport;
import io.releaseledger.swarm.SwarmEngine;
import io.releaseledger.swarm.SwarmService;
import io.releaseledger.swarm.SwarmServiceRequest;
import io.releaseledger.swarm.SwarmTask;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Executes the plan of a swarm environment: one update of the Swarm service (image by digest, labels, the task's
 * port by slot, the update and rollback config), then waits until Swarm reports the update completed with every slot
 * running the new image, or failed: Swarm rolled it back or paused it. While Swarm rolls over, each slot that runs a
 * task of the new release passes the health gate before Swarm replaces the next ({@link SwarmSlotGate}); the first
 * that fails ends the deploy at once. Then the per-server smoke checks run against each slot's port, and each slot's
 * server must serve in the load balancer (HAProxy's own checks take a task out while Swarm replaces it). On any
 * failure the previous spec is put back (Swarm's rollback, or nothing to do when Swarm rolled back itself; a first
 * deploy's service is removed), and the deploy is recorded as failed: a rolled back or paused update is never a
 * success. Records the same events as {@link Deployer}.
 */
final class SwarmDeployer {
    static final String STRATEGY = "swarm";
    private static final Duration POLL = Duration.ofMillis(250);
    /** Beyond {@code monitor}: how long Swarm may take to act on a task that ended. */
    private static final Duration SWARMS_ANSWER = Duration.ofSeconds(5);

    private final EnvironmentSpec environment;
    private final SwarmSpec swarm;
    private final DeployTargets targets;
    private DeploymentRecorder recorder = (type, env, data) -> { };
    private Messages messages = new Messages();
    private Function<SecretReference, String> secrets = ContainerFactory::fromProcessEnvironment;
    private Path workspace = Path.of(".");
    private RegistryCredentials registryCredentials;

    SwarmDeployer(final EnvironmentSpec environment, final DeployTargets targets) {
        this.environment = environment;
        this.swarm = environment.getSwarm();
        this.targets = targets;
    }

    SwarmDeployer setRecorder(final DeploymentRecorder recorder) {
        this.recorder = recorder;
        return this;
    }

    SwarmDeployer setMessages(final Messages messages) {
        this.messages = messages;
        return this;
    }

    SwarmDeployer setSecrets(final Function<SecretReference, String> secrets) {
        this.secrets = secrets;
        return this;
    }

    SwarmDeployer setWorkspace(final Path workspace) {
        this.workspace = workspace;
        return this;
    }

    /** The registry login the manager passes on to its nodes with the create or update; {@code null}: none. */
    SwarmDeployer setRegistryCredentials(final RegistryCredentials registryCredentials) {
        this.registryCredentials = registryCredentials;
        return this;
    }

    /** What the service's spec runs now, from its labels; {@code null} without a service or labels. */
    static PreviousRelease previous(final SwarmService service) {
        if (service == null) {
            return null;
        }
        String digest = service.getLabels().get(Labels.DIGEST);
        String image = service.getImage();
        if (digest == null && image != null && image.contains("@")) {
            digest = image.substring(image.indexOf('@') + 1);
        }
        if (digest == null || image == null) {
            return null;
        }
        return new PreviousRelease(service.getLabels().get(Labels.VERSION), image.contains("@") ? image
                : ImageReference.parse(image).withDigest(digest), digest, service.getLabels().get(Labels.BUILD), null);
    }

    /**
     * Deploys the plan, or puts the previous spec back and throws.
     *
     * @throws DeploymentException saying what Swarm or the checks reported, after the restore
     */
    DeploymentResult deploy(final DeploymentPlan plan) {
        long start = System.nanoTime();
        SwarmEngine manager = manager(plan);
        List<Map<String, Object>> checks = new ArrayList<>();
        long[] checkMillis = {0};
        SwarmService before = null;
        boolean changed = false;
        messages.info("Deploying %s %s to %s (%s) as Swarm service %s: %d replica%s, update %s", plan.getApplication(),
                plan.getVersion(), plan.getEnvironment(), plan.getImage(), swarm.getService(), swarm.getReplicas(),
                swarm.getReplicas() == 1 ? "" : "s", swarm.getUpdate());
        SwarmSlotGate slotGate = new SwarmSlotGate(environment, targets, checkSecrets(), plan, messages);
        try {
            before = manager.inspect(swarm.getService()).orElse(null);
            if (before != null && swarm.hasTwoPortSets()) {
                awaitReplacedTasksGone(manager, before);
            }
            SwarmServiceRequest request = request(plan);
            if (swarm.hasTwoPortSets()) {
                prepareServers(plan);
            }
            if (before == null) {
                manager.create(request);
            } else {
                manager.update(before, request);
            }
            changed = true;
            if (before != null) {
                explainPacing();
            }
            awaitUpdate(manager, plan, before == null, slotGate);
            verify(manager, plan, checks, checkMillis, slotGate);
        } catch (RuntimeException e) {
            throw failed(manager, plan, before, changed, withSlotGates(slotGate, checks), checkMillis[0]
                    + slotGate.getMillis(), e);
        }
        if (swarm.hasTwoPortSets()) {
            retire(SwarmPortSet.of(environment, plan).other());
        }
        recorder.record(EventTypes.CHECK_RECORDED, plan.getEnvironment(), gateChecks(plan, true,
                withSlotGates(slotGate, checks), checkMillis[0] + slotGate.getMillis()));
        recorder.record(EventTypes.DEPLOYMENT_SUCCEEDED, plan.getEnvironment(), DeploymentEvents.succeeded(plan));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        messages.info("Deployed %s %s to %s: Swarm service %s updated, %d replica%s checked, %s",
                plan.getApplication(), plan.getVersion(), plan.getEnvironment(), swarm.getService(),
                swarm.getReplicas(), swarm.getReplicas() == 1 ? "" : "s", Deployer.seconds(took.toNanos()));
        return new DeploymentResult(plan, took);
    }

    private SwarmEngine manager(final DeploymentPlan plan) {
        return targets.swarm(plan.getInstances().get(0).getHost());
    }

    /** The service's spec for the plan's release. */
    SwarmServiceRequest request(final DeploymentPlan plan) {
        ContainerFactory factory = new ContainerFactory(plan.getApplication(), environment, secrets, workspace);
        PlannedInstance first = plan.getInstances().get(0);
        PlannedInstance portless = new PlannedInstance(first.getHost(), first.getHostUrl(), first.getAddress(), 0,
                swarm.getService(), 0, null, null, null);
        ContainerRequest container = factory.request(portless, plan.getImage(), plan.getDigest(), plan.getVersion(),
                plan.getBuild(), plan.getDeploymentId());
        Map<String, String> env = new LinkedHashMap<>(container.getEnvironment());
        SwarmPortSet set = SwarmPortSet.of(environment, plan);
        env.put(environment.getInstances().getPortVariable(), portBySlot(set));
        Map<String, String> serviceLabels = new LinkedHashMap<>(container.getLabels());
        if (swarm.hasTwoPortSets()) {
            serviceLabels.put(SwarmPortSet.LABEL, set.label());
        }
        return new SwarmServiceRequest(swarm.getService(), plan.getImage(), swarm.getReplicas())
                .setRegistryCredentials(registryCredentials)
                .setLabels(serviceLabels).setContainerLabels(container.getLabels()).setEnvironment(env)
                .setCommand(container.getCommand()).setInit(container.isInit())
                .setStopTimeout(environment.getContainer().getStopTimeout())
                .setUpdate(policy(swarm.getUpdate(), SwarmSlotGate.updateDelay(environment)))
                .setRollback(policy(swarm.getRollback(), swarm.getRollback().getDelay()));
    }

    /** The gates run per slot while Swarm rolled over, then those of the checks after it. */
    private static List<Map<String, Object>> withSlotGates(final SwarmSlotGate slotGate,
            final List<Map<String, Object>> checks) {
        List<Map<String, Object>> all = new ArrayList<>(slotGate.getResults());
        all.addAll(checks);
        return all;
    }

    /**
     * Says how Swarm is paced so that each slot's health gate ends before Swarm replaces the next (the delay Swarm
     * gets), and warns where that cannot protect the environment or the timeout cannot cover it.
     */
    private void explainPacing() {
        Duration delay = SwarmSlotGate.updateDelay(environment);
        Duration configured = swarm.getUpdate().getDelay();
        int parallelism = swarm.getUpdate().getParallelism();
        messages.info("Swarm service %s: each replaced slot runs the health gate before Swarm replaces the next; Swarm "
                + "waits %s after each (%s)", swarm.getService(), Deployer.seconds(delay.toNanos()),
                delay.equals(configured) ? "swarm.update.delay"
                        : "swarm.update.delay " + Deployer.seconds(configured.toNanos()) + " raised to the health "
                        + "gate's timeout " + Deployer.seconds(environment.getHealthGate().getTimeout().toNanos())
                        + " plus its last round and " + Deployer.seconds(SwarmSlotGate.MARGIN.toNanos()));
        if (parallelism == 0 || swarm.getReplicas() > 1 && parallelism >= swarm.getReplicas()) {
            messages.warning("Swarm service %s: swarm.update.parallelism %d replaces every slot at once: a release "
                    + "that fails the health gate takes every slot out of the load balancer before it is rolled back "
                    + "(set it below %d)", swarm.getService(), parallelism, swarm.getReplicas());
        }
        int batches = parallelism <= 0 ? 1 : (swarm.getReplicas() + parallelism - 1) / parallelism;
        // Swarm waits the delay after every batch, then watches the last one for longer than the delay
        Duration needed = delay.multipliedBy(batches + 1L).plusSeconds(1);
        if (swarm.getTimeout().compareTo(needed) < 0) {
            messages.warning("Swarm service %s: swarm.timeout %s may not cover the update: %d batch%s with a delay of "
                    + "%s take at least %s", swarm.getService(), Deployer.seconds(swarm.getTimeout().toNanos()),
                    batches, batches == 1 ? "" : "es", Deployer.seconds(delay.toNanos()),
                    Deployer.seconds(needed.toNanos()));
        }
    }

    /**
     * A Swarm template that gives each task the port of its slot: {@code {{.Task.Slot}}} is the only per-task value
     * Swarm offers, and a template has no arithmetic, so each slot's port is spelled out.
     */
    String portBySlot(final SwarmPortSet set) {
        StringBuilder template = new StringBuilder();
        for (int slot = 1; slot <= swarm.getReplicas(); slot++) {
            template.append(slot == 1 ? "{{if " : "{{else if ").append("eq (printf \"%v\" .Task.Slot) \"").append(slot)
                    .append("\"}}").append(set.port(environment, slot));
        }
        return template.append("{{end}}").toString();
    }

    private static SwarmServiceRequest.UpdatePolicy policy(final SwarmUpdateSpec spec, final Duration delay) {
        return new SwarmServiceRequest.UpdatePolicy(spec.getParallelism(), delay,
                spec.getOrder() == SwarmUpdateSpec.Order.START_FIRST,
                spec.getFailureAction().name().toLowerCase(Locale.ROOT), spec.getMonitor());
    }

    /**
     * Until Swarm says the update completed (a created service has no update status) and every slot runs a task of
     * the plan's image; a rolled back or paused update, or a task of a new service that fails, ends it as a failure.
     * While an update rolls over, each slot that runs a task of the new release is gated at once ({@code slotGate},
     * {@code null}: not gated here); the first that fails ends the wait.
     */
    private void awaitUpdate(final SwarmEngine manager, final DeploymentPlan plan, final boolean created,
            final SwarmSlotGate slotGate) {
        long deadline = System.nanoTime() + swarm.getTimeout().toNanos();
        SwarmService service = null;
        while (System.nanoTime() < deadline) {
            service = manager.inspect(swarm.getService()).orElseThrow(() -> new DeploymentException("Swarm service "
                    + swarm.getService() + " disappeared during the deploy"));
            SwarmService.UpdateState state = service.getUpdateState();
            switch (state) {
                case PAUSED:
                    throw new SwarmFailure("Swarm paused the update of service " + swarm.getService() + ": "
                            + service.getUpdateMessage(), false);
                case ROLLBACK_STARTED:
                case ROLLBACK_PAUSED:
                case ROLLBACK_COMPLETED:
                    throw new SwarmFailure("Swarm rolled the update of service " + swarm.getService() + " back: "
                            + service.getUpdateMessage() + failedTasks(manager, service, plan.getImage()), true);
                default:
                    break;
            }
            List<SwarmTask> tasks = manager.tasks(service.getId());
            if (!created && slotGate != null) {
                try {
                    serveGated(slotGate.gateNewSlots(runningSlots(tasks, plan.getImage())));
                } catch (SwarmSlotGate.SlotFailure failure) {
                    throw swarmsOwnAnswer(manager, plan, failure);
                }
            }
            boolean done = (created ? state == SwarmService.UpdateState.NONE : state == SwarmService.UpdateState.COMPLETED)
                    && runningSlots(tasks, plan.getImage()).size() == swarm.getReplicas();
            if (done) {
                messages.info("Swarm service %s: every replica runs %s%s", swarm.getService(), plan.getVersion(),
                        created ? " (created)" : ", update completed");
                return;
            }
            if (created) {
                Optional<SwarmTask> failed = tasks.stream().filter(t -> plan.getImage().equals(t.getImage())
                        && List.of("failed", "rejected").contains(t.getState())).findFirst();
                if (failed.isPresent()) {
                    throw new SwarmFailure("a task of the new service " + swarm.getService() + " failed: "
                            + failed.get(), false);
                }
            }
            sleep(POLL);
        }
        throw new SwarmFailure("the update of Swarm service " + swarm.getService() + " did not converge within "
                + swarm.getTimeout().toSeconds() + " s (" + (service == null ? "no state" : "update "
                + service.getUpdateState().name().toLowerCase(Locale.ROOT)) + ")", false);
    }

    /**
     * A slot whose task ended while it was gated: Swarm's updater counts that task as failed too and, with failure
     * action rollback or pause, acts on its own. A rollback asked for at the same time races it (swarmkit's automatic
     * rollback sets the spec to the previous spec, which after Release Ledger's {@code rollback=previous} is the new
     * release again; seen the other way round, Swarm refuses the second rollback). So Swarm's answer is awaited first,
     * bounded by {@code monitor} and a margin; without one the slot's failure stands and Release Ledger rolls back.
     */
    private DeploymentException swarmsOwnAnswer(final SwarmEngine manager, final DeploymentPlan plan,
            final SwarmSlotGate.SlotFailure failure) {
        if (!failure.isTaskEnded() || swarm.getUpdate().getFailureAction() == SwarmUpdateSpec.FailureAction.CONTINUE) {
            return failure;
        }
        long deadline = System.nanoTime() + swarm.getUpdate().getMonitor().plus(SWARMS_ANSWER).toNanos();
        while (System.nanoTime() - deadline < 0) {
            SwarmService service = manager.inspect(swarm.getService()).orElse(null);
            if (service == null) {
                return failure;
            }
            if (isRollingBack(service)) {
                return new SwarmFailure("Swarm rolled the update of service " + swarm.getService() + " back: "
                        + service.getUpdateMessage() + failedTasks(manager, service, plan.getImage()) + "; "
                        + failure.getMessage(), true);
            }
            if (service.getUpdateState() == SwarmService.UpdateState.PAUSED) {
                return new SwarmFailure("Swarm paused the update of service " + swarm.getService() + ": "
                        + service.getUpdateMessage() + "; " + failure.getMessage(), false);
            }
            sleep(POLL);
        }
        return failure;
    }

    /** Slot to task: the running tasks of {@code image}, one per slot. */
    private static Map<Integer, SwarmTask> runningSlots(final List<SwarmTask> tasks, final String image) {
        Map<Integer, SwarmTask> slots = new LinkedHashMap<>();
        for (SwarmTask task : tasks) {
            if (task.isRunning() && image.equals(task.getImage())) {
                slots.put(task.getSlot(), task);
            }
        }
        return slots;
    }

    private static String failedTasks(final SwarmEngine manager, final SwarmService service, final String image) {
        try {
            List<String> failed = manager.tasks(service.getId()).stream().filter(t -> image.equals(t.getImage())
                    && List.of("failed", "rejected").contains(t.getState())).map(SwarmTask::toString).toList();
            return failed.isEmpty() ? "" : " (tasks: " + String.join(", ", failed) + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * The per-server smoke checks on each slot's port (and the health gate where the slot was not gated with its
     * current task while Swarm rolled over), then its server must serve.
     */
    private void verify(final SwarmEngine manager, final DeploymentPlan plan, final List<Map<String, Object>> checks,
            final long[] checkMillis, final SwarmSlotGate slotGate) {
        SwarmService service = manager.inspect(swarm.getService()).orElseThrow();
        Map<Integer, SwarmTask> slots = runningSlots(manager.tasks(service.getId()), plan.getImage());
        ServerSmokeChecks smoke = ServerSmokeChecks.of(environment, checkSecrets());
        for (PlannedInstance instance : plan.getInstances()) {
            SwarmTask task = slots.get(instance.getIndex());
            // a slot gated while Swarm rolled over, still with that task, is not gated twice
            if (!slotGate.passed(instance.getIndex(), task)) {
                GateResult gate = slotGate.gate(instance, task);
                checks.addAll(Deployer.results(instance, gate));
                checkMillis[0] += gate.getWaited().toMillis();
                if (!gate.isPassed()) {
                    throw new DeploymentException(instance.describe() + ": the health gate failed: "
                            + gate.describe());
                }
            }
            if (smoke != null && !smoke.isEmpty()) {
                SmokeReport report = smoke.run(instance.getAddress(), instance.getPort());
                checks.addAll(Deployer.results(instance, report));
                checkMillis[0] += report.getTotal().toMillis();
                if (!report.isPassed()) {
                    throw new DeploymentException(instance.describe() + ": the smoke checks failed on the server: "
                            + Deployer.firstFailure(report));
                }
            }
            awaitServing(instance, true);
            messages.info("%s: runs %s, health gate passed%s", instance.describe(), plan.getVersion(),
                    instance.hasLoadBalancer() ? ", serves in " + instance.getBackend() + "/" + instance.getServer()
                            : "");
        }
    }

    /**
     * Before the update of a service on two port sets: the backend must have a server per slot for both sets at the
     * sets' ports (refused with the servers to add, before anything changes). Then the planned set's servers go to
     * maintenance (the last deploy retired them, but a reload of HAProxy makes them ready again, when its own checks
     * would take a new task before the gate did) and stay there until their slot passes the gate
     * ({@link #serveGated}): HAProxy counts a server that leaves maintenance UP before its first check, so made ready
     * now they would take requests before any task listens.
     */
    private void prepareServers(final DeploymentPlan plan) {
        if (!plan.getInstances().get(0).hasLoadBalancer()) {
            return;
        }
        String backend = plan.getInstances().get(0).getBackend();
        Map<String, ServerState> servers = new LinkedHashMap<>();
        targets.loadBalancer().servers(backend).forEach(server -> servers.put(server.getName(), server));
        List<String> missing = new ArrayList<>();
        for (SwarmPortSet set : SwarmPortSet.values()) {
            for (PlannedInstance instance : set.instances(environment, environment.getHosts().get(0), null)) {
                ServerState server = servers.get(instance.getServer());
                if (server == null || server.getPort() != instance.getPort()) {
                    missing.add("server " + instance.getServer() + " " + instance.getAddress() + ":"
                            + instance.getPort() + " check" + (server == null ? "" : " (it has port " + server.getPort() + ")"));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new DeploymentException("HAProxy backend " + backend + " lacks what two port sets need (swarm."
                    + "portOffset " + swarm.getPortOffset() + "): a server per slot for each set; add to the backend: "
                    + String.join("; ", missing));
        }
        retire(SwarmPortSet.of(environment, plan));
    }

    /** On two port sets, the servers of slots whose new task just passed the gate leave maintenance: they listen. */
    private void serveGated(final List<PlannedInstance> gated) {
        if (!swarm.hasTwoPortSets()) {
            return;
        }
        for (PlannedInstance instance : gated) {
            if (instance.hasLoadBalancer()) {
                targets.loadBalancer().ready(instance.getBackend(), instance.getServer());
            }
        }
    }

    /** The servers of a set no task listens on any more go to maintenance: no traffic, no failing checks. */
    private void retire(final SwarmPortSet set) {
        for (PlannedInstance instance : set.instances(environment, environment.getHosts().get(0), null)) {
            if (instance.hasLoadBalancer()) {
                targets.loadBalancer().maintenance(instance.getBackend(), instance.getServer());
            }
        }
        if (environment.getLoadBalancer() != null) {
            messages.info("Swarm service %s: the servers of port set %s are in maintenance (no task listens there)",
                    swarm.getService(), set.label());
        }
    }

    /** Ready in the load balancer and (bounded by the gate's timeout) serving by its own check. */
    private boolean awaitServing(final PlannedInstance instance, final boolean mustServe) {
        if (!instance.hasLoadBalancer()) {
            return true;
        }
        LoadBalancer lb = targets.loadBalancer();
        lb.ready(instance.getBackend(), instance.getServer());
        long deadline = System.nanoTime() + environment.getHealthGate().getTimeout().toNanos();
        ServerState state = null;
        while (System.nanoTime() < deadline) {
            state = lb.servers(instance.getBackend()).stream().filter(s -> s.getName().equals(instance.getServer()))
                    .findFirst().orElse(null);
            if (state != null && state.isServing()) {
                return true;
            }
            sleep(POLL);
        }
        if (mustServe) {
            throw new DeploymentException(instance.describe() + ": the load balancer's check did not pass within "
                    + environment.getHealthGate().getTimeout().toSeconds() + " s (" + state + ")");
        }
        messages.warning("%s: the load balancer's check does not pass yet (%s)", instance.describe(), state);
        return false;
    }

    /** Puts the previous spec back as far as needed, records what is true, and returns the exception to throw. */
    private DeploymentException failed(final SwarmEngine manager, final DeploymentPlan plan,
            final SwarmService before, final boolean changed, final List<Map<String, Object>> checks,
            final long checkMillis, final RuntimeException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        messages.error("Deploy of %s %s to %s failed: %s", plan.getApplication(), plan.getVersion(),
                plan.getEnvironment(), reason);
        boolean restored = !changed || restore(manager, plan, before,
                e instanceof SwarmFailure failure && failure.rolledBackBySwarm);
        recorder.record(EventTypes.CHECK_RECORDED, plan.getEnvironment(), gateChecks(plan, false, checks,
                checkMillis));
        recorder.record(EventTypes.DEPLOYMENT_FAILED, plan.getEnvironment(), DeploymentEvents.failed(plan,
                restored ? reason : reason + "; the restore of the previous release did not complete, the "
                        + "environment may be half-deployed", restored));
        List<String> previous = plan.getPreviousVersions();
        if (restored && changed && before != null && previous.size() == 1) {
            recorder.record(EventTypes.RELEASE_ROLLED_BACK, plan.getEnvironment(), DeploymentEvents.rolledBack(
                    plan.getVersion(), previous.get(0), "automatic: " + reason, true));
        }
        String state = !changed ? "Nothing was changed."
                : !restored ? "THE RESTORE DID NOT COMPLETE: the environment may be half-deployed; see the errors above."
                : before == null ? "The new service was removed."
                : "Swarm service " + swarm.getService() + " runs the previous release again.";
        return new DeploymentException("Deploy of " + plan.getApplication() + " " + plan.getVersion() + " to "
                + plan.getEnvironment() + " failed: " + reason + ". " + state, e);
    }

    /** The previous spec back (Swarm's rollback unless Swarm did it), until every slot runs it; true when it does. */
    private boolean restore(final SwarmEngine manager, final DeploymentPlan plan, final SwarmService before,
            final boolean rolledBackBySwarm) {
        try {
            if (before == null) {
                manager.remove(swarm.getService());
                messages.warning("Removed the new Swarm service %s (there was no previous release)", swarm.getService());
                return true;
            }
            if (!rolledBackBySwarm) {
                SwarmService now = manager.inspect(swarm.getService()).orElseThrow(() -> new DeploymentException(
                        "Swarm service " + swarm.getService() + " is gone"));
                if (isRollingBack(now)) {
                    // its failure action began while the gate ran; asking again would roll back to the new spec
                    messages.warning("Swarm is already rolling service %s back (%s)", swarm.getService(),
                            now.getUpdateMessage());
                } else {
                    requestRollback(manager, now);
                }
            }
            PreviousRelease previous = plan.getInstances().get(0).getPrevious();
            String image = previous != null ? previous.getImage() : before.getImage();
            if (!awaitRollback(manager, image)) {
                return false;
            }
            boolean serving = serveTheSetBefore(plan, previous);
            messages.warning("Swarm service %s runs %s again on every replica", swarm.getService(),
                    previous == null ? image : previous.getVersion());
            return serving;
        } catch (RuntimeException e) {
            messages.error("Could not put the previous release of Swarm service %s back: %s", swarm.getService(),
                    e.getMessage());
            return false;
        }
    }

    /** After the previous spec is back: its servers serve again and, on two port sets, the planned set's retire. */
    private boolean serveTheSetBefore(final DeploymentPlan plan, final PreviousRelease previous) {
        boolean serving = true;
        SwarmPortSet planned = SwarmPortSet.of(environment, plan);
        // the deploy moved the service to the other set, so the previous spec runs on the set before it
        SwarmPortSet back = swarm.hasTwoPortSets() ? planned.other() : planned;
        for (PlannedInstance instance : back.instances(environment, environment.getHosts().get(0), previous)) {
            serving &= awaitServing(instance, false);
        }
        if (back != planned) {
            retire(planned);
        }
        return serving;
    }

    /**
     * Until every slot runs {@code image} after Swarm's rollback. A paused rollback is waited out too: Swarm starts a
     * slot's task of the previous spec without waiting for the task it replaces to exit, on the same port (host
     * networking), so the new task can die on the port the old one still holds and the rollback pauses; Swarm's
     * restart policy then replaces the dead task with another of the previous spec, which binds once the old one
     * has exited. A previous release that really fails never gets every slot running and ends at the timeout.
     */
    private boolean awaitRollback(final SwarmEngine manager, final String image) {
        long deadline = System.nanoTime() + swarm.getTimeout().toNanos();
        SwarmService service = null;
        boolean paused = false;
        while (System.nanoTime() < deadline) {
            service = manager.inspect(swarm.getService()).orElseThrow();
            SwarmService.UpdateState state = service.getUpdateState();
            if (state == SwarmService.UpdateState.ROLLBACK_PAUSED && !paused) {
                paused = true;
                messages.warning("Swarm paused the rollback of service %s (%s); waiting until every replica runs "
                        + "the previous release", swarm.getService(), service.getUpdateMessage());
            }
            if ((state == SwarmService.UpdateState.ROLLBACK_COMPLETED || state == SwarmService.UpdateState
                    .ROLLBACK_PAUSED) && runningSlots(manager.tasks(service.getId()), image).size()
                    == swarm.getReplicas()) {
                return true;
            }
            sleep(POLL);
        }
        if (paused) {
            messages.error("Swarm paused the rollback of service %s: %s", swarm.getService(),
                    service.getUpdateMessage());
        }
        messages.error("The rollback of Swarm service %s did not complete within %d s (%s)", swarm.getService(),
                swarm.getTimeout().toSeconds(), service);
        return false;
    }

    /**
     * After the deploying process died: a service that converged on the plan's image is recorded as succeeded;
     * otherwise the previous spec is put back (unless Swarm did) and the deploy recorded as failed. Returns whether
     * the new release was kept.
     */
    boolean reconcile(final DeploymentPlan plan) {
        SwarmEngine manager = manager(plan);
        SwarmService service = manager.inspect(swarm.getService()).orElse(null);
        PreviousRelease previous = plan.getInstances().get(0).getPrevious();
        if (service != null && plan.getImage().equals(service.getImage())
                && service.getUpdateState() != SwarmService.UpdateState.UPDATING) {
            try {
                awaitUpdate(manager, plan, service.getUpdateState() == SwarmService.UpdateState.NONE, null);
                messages.warning("Reconciled %s: Swarm service %s runs %s on every replica; recorded the interrupted "
                        + "deploy as succeeded", plan.getEnvironment(), swarm.getService(), plan.getVersion());
                recorder.record(EventTypes.DEPLOYMENT_SUCCEEDED, plan.getEnvironment(),
                        DeploymentEvents.succeeded(plan));
                if (swarm.hasTwoPortSets()) {
                    // the interrupted deploy may have left slots of the planned set in maintenance
                    plan.getInstances().forEach(instance -> awaitServing(instance, false));
                    retire(SwarmPortSet.of(environment, plan).other());
                }
                return true;
            } catch (SwarmFailure failure) {
                messages.warning("Reconciling %s: %s", plan.getEnvironment(), failure.getMessage());
            }
        }
        boolean restored;
        if (service == null) {
            restored = previous == null;
        } else if (previous == null) {
            manager.remove(swarm.getService());
            restored = true;
        } else {
            // Swarm's own rollback may have ended while no process watched: the servers still need putting back
            restored = previous.getImage().equals(service.getImage()) && service.getUpdateState()
                    == SwarmService.UpdateState.ROLLBACK_COMPLETED ? serveTheSetBefore(plan, previous)
                    : restore(manager, plan, service, false);
        }
        String reason = "interrupted: the deploying process died or was stopped"
                + (restored ? "; the previous release was restored" : ", and the restore did not complete");
        recorder.record(EventTypes.DEPLOYMENT_FAILED, plan.getEnvironment(), DeploymentEvents.failed(plan, reason,
                restored));
        if (restored && previous != null && plan.getPreviousVersions().size() == 1) {
            recorder.record(EventTypes.RELEASE_ROLLED_BACK, plan.getEnvironment(), DeploymentEvents.rolledBack(
                    plan.getVersion(), plan.getPreviousVersions().get(0), reason, true));
        }
        if (!restored) {
            throw new DeploymentException("Reconciling " + plan.getEnvironment() + " after the interrupted deploy of "
                    + plan.getVersion() + " did not complete; Swarm service " + swarm.getService() + " may run a mix.");
        }
        return false;
    }

    /** Swarm's rollback; when Swarm refuses it because its own failure action rolled back meanwhile, that one. */
    private void requestRollback(final SwarmEngine manager, final SwarmService now) {
        try {
            manager.rollback(now);
            messages.warning("Asked Swarm to roll service %s back to its previous spec", swarm.getService());
        } catch (RuntimeException e) {
            SwarmService again = manager.inspect(swarm.getService()).orElse(null);
            if (again == null || !isRollingBack(again)) {
                throw e;
            }
            messages.warning("Swarm rolled service %s back itself meanwhile (%s)", swarm.getService(),
                    again.getUpdateMessage());
        }
    }

    private static boolean isRollingBack(final SwarmService service) {
        return List.of(SwarmService.UpdateState.ROLLBACK_STARTED, SwarmService.UpdateState.ROLLBACK_PAUSED,
                SwarmService.UpdateState.ROLLBACK_COMPLETED).contains(service.getUpdateState());
    }

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

    private static Map<String, Object> gateChecks(final DeploymentPlan plan, final boolean passed,
            final List<Map<String, Object>> results, final long millis) {
        Map<String, Object> data = DeploymentEvents.checks(plan, passed, results);
        data.put("run", "gate");
        data.put("environment", plan.getEnvironment());
        data.put("millis", millis);
        return data;
    }

    /**
     * Swarm calls a start-first update completed while the tasks it replaced still stop (their grace period), and
     * this deploy goes to their port set: a new task started now would find its port taken and die.
     */
    private void awaitReplacedTasksGone(final SwarmEngine manager, final SwarmService service) {
        long deadline = System.nanoTime() + swarm.getTimeout().toNanos();
        boolean told = false;
        while (true) {
            List<SwarmTask> stopping = manager.tasks(service.getId()).stream()
                    .filter(task -> !"running".equals(task.getDesiredState()) && "running".equals(task.getState()))
                    .toList();
            if (stopping.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new DeploymentException("Swarm is still stopping " + stopping.size() + " task(s) of service "
                        + swarm.getService() + " that hold ports of the set this deploy goes to, after "
                        + swarm.getTimeout().toSeconds() + " s (swarm.timeout); nothing was changed. Deploy again once "
                        + "`docker service ps " + swarm.getService() + "` shows them shut down.");
            }
            if (!told) {
                messages.info("Waiting for Swarm to stop %d replaced task(s) of %s: they hold ports of the set this "
                        + "deploy goes to", stopping.size(), swarm.getService());
                told = true;
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("Interrupted while waiting for Swarm.", e);
        }
    }

    /** Swarm ended the update as a failure; {@code rolledBackBySwarm} when its failure action rolled it back. */
    private static final class SwarmFailure extends DeploymentException {
        private static final long serialVersionUID = 1L;
        private final boolean rolledBackBySwarm;

        SwarmFailure(final String message, final boolean rolledBackBySwarm) {
            super(message);
            this.rolledBackBySwarm = rolledBackBySwarm;
        }
    }
}
