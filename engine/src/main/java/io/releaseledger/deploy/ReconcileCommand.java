package io.releaseledger.deploy;

import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.report.Messages;

import java.time.Duration;

/**
 * Reconciles an environment without deploying: takes its lock as a deploy does (waiting while a live deploy holds it,
 * taking over the lock of a holder that is gone), reconciles the taken-over plan or the last deploy whose outcome was
 * never recorded, and unlocks. For a step whose controller restarted mid-deploy: the lock of the controller process
 * that ended is taken over at once.
 *
 * <pre>{@code
 * String done = new ReconcileCommand(descriptor, "staging", ledger, executor).setActor(actor).call();
 * }</pre>
 */
public final class ReconcileCommand {
    private final ReleaseDescriptor descriptor;
    private final String environment;
    private final Ledger ledger;
    private final DeploymentExecutor executor;
    private Actor actor = new Actor(System.getProperty("user.name", "unknown"), null);
    private Origin origin = Origin.cli(System.getProperty("user.name", "unknown"), EnvironmentLock.localHost());
    private Messages messages = new Messages();
    private Duration lockTimeout = Duration.ofMinutes(5);
    private Duration lockLease = Duration.ofHours(2);

    public ReconcileCommand(final ReleaseDescriptor descriptor, final String environment, final Ledger ledger,
            final DeploymentExecutor executor) {
        this.descriptor = descriptor;
        this.environment = environment;
        this.ledger = ledger;
        this.executor = executor;
    }

    public ReconcileCommand setActor(final Actor actor) {
        this.actor = actor;
        return this;
    }

    public ReconcileCommand setOrigin(final Origin origin) {
        this.origin = origin;
        return this;
    }

    public ReconcileCommand setMessages(final Messages messages) {
        this.messages = messages;
        return this;
    }

    /** How long to wait while a live deploy holds the lock (default 5 min). */
    public ReconcileCommand setLockTimeout(final Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
        return this;
    }

    /**
     * @return what was done, one sentence for people
     * @throws DeploymentException when the lock stays held by a live deploy, or the reconcile did not complete (the
     *         message says what is left; the lock is released)
     */
    public String call() {
        descriptor.getEnvironment(environment).orElseThrow(() -> new DeploymentException("The descriptor "
                + descriptor.getSource() + " has no environment '" + environment + "'."));
        EnvironmentLock lock = new EnvironmentLock(ledger, environment, actor, origin, messages);
        lock.acquire("-", "reconcile", lockTimeout, lockLease);
        try {
            boolean reconciled = Reconciliation.first(ledger, environment, lock.getTakenOverLockId(), executor,
                    new LedgerDeploymentRecorder(ledger, actor, origin), messages);
            return reconciled ? "Reconciled " + environment + "; its outcome is in the ledger"
                    : "Nothing to reconcile in " + environment + ": every deploy's outcome is recorded";
        } finally {
            lock.release();
        }
    }
}
