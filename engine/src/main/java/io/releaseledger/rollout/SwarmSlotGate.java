package io.releaseledger.rollout;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.PlannedInstance;
import io.releaseledger.descriptor.CheckOptions;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.HealthCheckSpec;
import io.releaseledger.descriptor.HealthGateSpec;
import io.releaseledger.health.CheckResult;
import io.releaseledger.health.CheckTarget;
import io.releaseledger.health.GateResult;
import io.releaseledger.health.HealthGates;
import io.releaseledger.health.SecretResolver;
import io.releaseledger.report.Messages;
import io.releaseledger.swarm.SwarmTask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The health gate of each slot while Swarm rolls the service over: as soon as a slot runs a task of the new release,
 * the environment's gate checks that slot's port; the first slot that fails ends the deploy, so Release Ledger asks
 * Swarm to roll back before it replaces another slot. Swarm does not wait for Release Ledger between slots (its
 * updater moves on {@code update.delay} after the new task runs), so the update is sent with a delay that covers
 * the gate: {@link #updateDelay}.
 */
final class SwarmSlotGate {
    /** Release Ledger's poll of the tasks, the failed gate's last answer and the rollback request. */
    static final Duration MARGIN = Duration.ofSeconds(1);

    private final EnvironmentSpec environment;
    private final DeployTargets targets;
    private final SecretResolver secrets;
    private final DeploymentPlan plan;
    private final Messages messages;
    /** Slot to the task whose gate passed. */
    private final Map<Integer, String> passed = new HashMap<>();
    private final List<Map<String, Object>> results = new ArrayList<>();
    private long millis;

    SwarmSlotGate(final EnvironmentSpec environment, final DeployTargets targets, final SecretResolver secrets,
            final DeploymentPlan plan, final Messages messages) {
        this.environment = environment;
        this.targets = targets;
        this.secrets = secrets;
        this.plan = plan;
        this.messages = messages;
    }

    /**
     * The longest a failing gate can take on one slot, plus {@link #MARGIN}: its timeout, then the last round it
     * started in time (each check's timeout, retries and backoff).
     */
    static Duration worstCase(final EnvironmentSpec environment) {
        HealthGateSpec gate = environment.getHealthGate();
        Duration round = Duration.ZERO;
        for (HealthCheckSpec check : gate.getChecks()) {
            CheckOptions options = check.getOptions();
            if (options != null && options.getTimeout() != null) {
                round = round.plus(options.getTimeout().multipliedBy(options.getRetries() + 1L));
                if (options.getBackoff() != null) {
                    round = round.plus(options.getBackoff().multipliedBy(options.getRetries()));
                }
            }
        }
        return gate.getTimeout().plus(round).plus(MARGIN);
    }

    /** The delay Swarm gets between two slots: {@code swarm.update.delay}, at least {@link #worstCase}. */
    static Duration updateDelay(final EnvironmentSpec environment) {
        Duration configured = environment.getSwarm().getUpdate().getDelay();
        Duration needed = worstCase(environment);
        return configured.compareTo(needed) >= 0 ? configured : needed;
    }

    /**
     * Gates every slot that runs a task of the plan's release and was not gated with that task yet, the slots of one
     * read at the same time (Swarm replaced them in one batch).
     *
     * @return the slots whose gate passed in this call
     * @throws DeploymentException naming the first slot that failed
     */
    List<PlannedInstance> gateNewSlots(final Map<Integer, SwarmTask> running) {
        Map<PlannedInstance, SwarmTask> fresh = new LinkedHashMap<>();
        for (PlannedInstance instance : plan.getInstances()) {
            SwarmTask task = running.get(instance.getIndex());
            if (task != null && !task.getId().equals(passed.get(instance.getIndex()))) {
                fresh.put(instance, task);
            }
        }
        if (fresh.isEmpty()) {
            return List.of();
        }
        Map<PlannedInstance, Supplier<GateResult>> gates = new LinkedHashMap<>();
        fresh.forEach((instance, task) -> {
            messages.info("Swarm service %s: slot %d of %d runs %s: health gate on %s:%d", environment.getSwarm()
                    .getService(), instance.getIndex(), plan.getInstances().size(), plan.getVersion(),
                    instance.getAddress(), instance.getPort());
            gates.put(instance, () -> gate(instance, task));
        });
        Map<PlannedInstance, GateResult> ended = ParallelGates.run(gates);
        SlotFailure failure = null;
        List<PlannedInstance> passedNow = new ArrayList<>();
        for (Map.Entry<PlannedInstance, GateResult> entry : ended.entrySet()) {
            PlannedInstance instance = entry.getKey();
            GateResult gate = entry.getValue();
            results.addAll(Deployer.results(instance, gate));
            millis += gate.getWaited().toMillis();
            if (gate.isPassed()) {
                passed.put(instance.getIndex(), fresh.get(instance).getId());
                passedNow.add(instance);
                messages.info("Swarm service %s: slot %d of %d passed the health gate (%s)",
                        environment.getSwarm().getService(), instance.getIndex(), plan.getInstances().size(),
                        Deployer.seconds(gate.getWaited().toNanos()));
            } else if (failure == null) {
                messages.error("Swarm service %s: slot %d of %d runs %s and failed the health gate; asking Swarm to "
                        + "roll back before it replaces another slot", environment.getSwarm().getService(),
                        instance.getIndex(), plan.getInstances().size(), plan.getVersion());
                failure = new SlotFailure(instance.describe() + ": the health gate failed: " + gate.describe(),
                        gate.getResults().stream().anyMatch(CheckResult::isFatal));
            }
        }
        if (failure != null) {
            throw failure;
        }
        return passedNow;
    }

    /** Whether the slot's gate passed with this very task (Swarm did not replace it since). */
    boolean passed(final int slot, final SwarmTask task) {
        return task != null && task.getId().equals(passed.get(slot));
    }

    /** The gate of one slot's task, without recording it. */
    GateResult gate(final PlannedInstance instance, final SwarmTask task) {
        return HealthGates.from(environment.getHealthGate(), targets.engine(instance.getHost()), secrets,
                environment.getName(), instance.getHost(), instance.getIndex())
                .await(new CheckTarget(instance.getAddress(), instance.getPort(),
                        task == null ? null : task.getContainerId(), plan.getDigest()));
    }

    /** The results of the gates run while Swarm rolled over, in the order they ran. */
    List<Map<String, Object>> getResults() {
        return results;
    }

    long getMillis() {
        return millis;
    }

    /** A slot failed the gate; {@code taskEnded} when a check found its task's container ended or restarting. */
    static final class SlotFailure extends DeploymentException {
        private static final long serialVersionUID = 1L;
        private final boolean taskEnded;

        SlotFailure(final String message, final boolean taskEnded) {
            super(message);
            this.taskEnded = taskEnded;
        }

        /** Swarm sees this failure too: its updater counts a task that ends within {@code monitor} as failed. */
        boolean isTaskEnded() {
            return taskEnded;
        }
    }
}
