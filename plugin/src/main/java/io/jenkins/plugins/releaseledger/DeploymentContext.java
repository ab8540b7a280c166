package io.jenkins.plugins.releaseledger;

import io.releaseledger.deploy.DeployCommand;
import io.releaseledger.deploy.DeploymentExecutor;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.notify.Notifier;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.report.Messages;
import java.time.Duration;

/** What a step hands the engine's command: the descriptor, the ledger, the agent executor and who and where. */
final class DeploymentContext {
    private final ReleaseDescriptor descriptor;
    private final Ledger ledger;
    private final DeploymentExecutor executor;
    private final Actor actor;
    private final Origin origin;
    private final Messages messages;
    private final Duration lockTimeout;
    private final String build;
    private final String commit;
    private final boolean releaseBranch;
    private Notifier notifier = Notifier.NONE;
    private EnvironmentPolicy policy;
    private String freezeOverride;

    @SuppressWarnings("checkstyle:ParameterNumber")
    DeploymentContext(final ReleaseDescriptor descriptor, final Ledger ledger, final DeploymentExecutor executor,
            final Actor actor, final Origin origin, final Messages messages, final Duration lockTimeout, final String build,
            final String commit, final boolean releaseBranch) {
        this.descriptor = descriptor;
        this.ledger = ledger;
        this.executor = executor;
        this.actor = actor;
        this.origin = origin;
        this.messages = messages;
        this.lockTimeout = lockTimeout;
        this.build = build;
        this.commit = commit;
        this.releaseBranch = releaseBranch;
    }

    /** The target environment's approvals and freeze windows from the controller's configuration. */
    DeploymentContext setPolicy(final EnvironmentPolicy policy) {
        this.policy = policy;
        return this;
    }

    /** The step's {@code overrideFreeze} reason, once the permission was checked. */
    DeploymentContext setFreezeOverride(final String freezeOverride) {
        this.freezeOverride = freezeOverride;
        return this;
    }

    EnvironmentPolicy policy() {
        return policy;
    }

    String freezeOverride() {
        return freezeOverride;
    }

    ReleaseDescriptor descriptor() {
        return descriptor;
    }

    Ledger ledger() {
        return ledger;
    }

    DeploymentExecutor executor() {
        return executor;
    }

    Actor actor() {
        return actor;
    }

    Origin origin() {
        return origin;
    }

    Messages messages() {
        return messages;
    }

    /** The webhooks told about this deploy (default none). */
    DeploymentContext setNotifier(final Notifier notifier) {
        this.notifier = notifier;
        return this;
    }

    /**
     * The options every deploy of a step shares: who, where from, the lock timeout, the build and commit labels, the
     * notifier and the policy (a rollback's deploy ignores it).
     */
    void configure(final DeployCommand deploy) {
        deploy.setActor(actor).setOrigin(origin).setMessages(messages).setBuild(build).setReleaseBranch(releaseBranch)
                .setNotifier(notifier).setPolicy(policy).setFreezeOverride(freezeOverride);
        if (commit != null) {
            deploy.setCommit(commit);
        }
        if (lockTimeout != null) {
            deploy.setLockTimeout(lockTimeout);
        }
    }
}
