package io.releaseledger.deploy;

import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.LockResult;
import io.releaseledger.ledger.Origin;
import io.releaseledger.report.Messages;

import java.util.Map;

/**
 * An administrator's way out of an environment left locked (a deploy whose unlock failed, a controller that went
 * down): releases the lock whatever its holder, recording who and why in the ledger. With an executor it first
 * reconciles what the holder's deploy left, under a lock of its own (every instance back on one recorded release,
 * every server back, the outcome recorded); without one the next deploy reconciles it, since that deploy's outcome
 * is not recorded.
 *
 * <pre>{@code
 * String done = new UnlockCommand(ledger, "staging", "deploy #212 was aborted and left the lock")
 *         .setActor(new Actor("alice", "Alice")).setOrigin(Origin.cli("alice", "ops-1"))
 *         .setReconcile(descriptor, executor)
 *         .call();
 * }</pre>
 */
public final class UnlockCommand {
    private final Ledger ledger;
    private final String environment;
    private final String reason;
    private Actor actor = new Actor(System.getProperty("user.name", "unknown"), null);
    private Origin origin = Origin.cli(System.getProperty("user.name", "unknown"), EnvironmentLock.localHost());
    private Messages messages = new Messages();
    private ReleaseDescriptor descriptor;
    private DeploymentExecutor executor;

    /**
     * @param reason why, for the ledger's history (required)
     */
    public UnlockCommand(final Ledger ledger, final String environment, final String reason) {
        this.ledger = ledger;
        this.environment = environment;
        this.reason = reason;
    }

    public UnlockCommand setActor(final Actor actor) {
        this.actor = actor;
        return this;
    }

    public UnlockCommand setOrigin(final Origin origin) {
        this.origin = origin;
        return this;
    }

    public UnlockCommand setMessages(final Messages messages) {
        this.messages = messages;
        return this;
    }

    /** Reconcile the holder's (or the last unfinished) deploy through {@code executor} before the lock is released. */
    public UnlockCommand setReconcile(final ReleaseDescriptor descriptor, final DeploymentExecutor executor) {
        this.descriptor = descriptor;
        this.executor = executor;
        return this;
    }

    /**
     * @return what was done, one sentence for people
     * @throws DeploymentException without a reason, when there is nothing to do, or when the reconcile failed (its
     *         lock is released all the same, and what is left is in the message)
     */
    public String call() {
        if (reason == null || reason.isBlank()) {
            throw new DeploymentException("Unlocking " + environment + " needs a reason, for the ledger's history "
                    + "(for example: deploy #212 was aborted and left the lock).");
        }
        if (descriptor != null && descriptor.getEnvironment(environment).isEmpty()) {
            throw new DeploymentException("The descriptor " + descriptor.getSource() + " has no environment '"
                    + environment + "'.");
        }
        DeployHistory history = DeployHistory.read(ledger, environment);
        LedgerEvent held = history.heldLock();
        if (executor == null) {
            return unlockOnly(held, history.unfinished() != null);
        }
        String heldId = held == null ? null : (String) held.getData().get("lockId");
        Map<String, Object> started = heldId == null ? history.unfinished() : history.startedUnder(heldId);
        if (held == null && started == null) {
            throw new DeploymentException("Environment " + environment + " is not locked and every deploy's outcome is "
                    + "recorded; nothing to unlock or reconcile.");
        }
        String lockId = lock(held, heldId);
        try {
            if (started != null && started.get("plan") instanceof Map) {
                @SuppressWarnings("unchecked")
                DeploymentPlan plan = DeploymentPlan.fromJson((Map<String, Object>) started.get("plan"));
                messages.warning("Environment %s: reconciling the deploy of %s (%s) before unlocking", environment,
                        plan.getVersion(), plan.getDeploymentId());
                executor.reconcile(plan, new LedgerDeploymentRecorder(ledger, actor, origin));
            }
        } finally {
            ledger.unlock(environment, lockId, actor, origin);
        }
        return "Reconciled and unlocked " + environment + (heldId == null ? "" : " (lock " + heldId + " released)")
                + ": " + reason.strip();
    }

    private String unlockOnly(final LedgerEvent held, final boolean unfinished) {
        if (held == null) {
            throw new DeploymentException("Environment " + environment + " is not locked; nothing to unlock.");
        }
        String released = ledger.forceUnlock(environment, reason, actor, origin);
        if (unfinished) {
            messages.warning("Environment %s: the deploy that held the lock has no recorded outcome; the next deploy, "
                    + "promotion or rollback reconciles the environment before it plans", environment);
        }
        return "Unlocked " + environment + " (lock " + released + " released): " + reason.strip();
    }

    private String lock(final LedgerEvent held, final String heldId) {
        String purpose = LockHolder.describe("unlock by " + actor.getId());
        LockResult result = held == null
                ? ledger.lock(environment, "-", purpose, actor, origin)
                : ledger.takeOver(environment, heldId, (String) held.getData().get("version"), purpose, actor, origin,
                        reason);
        if (!result.isAcquired()) {
            throw new DeploymentException("Environment " + environment + " changed hands meanwhile (now locked by "
                    + result.getHeldBy() + "); look again and retry.");
        }
        return result.getLockId();
    }
}
