package io.releaseledger.deploy;

import io.releaseledger.descriptor.RegistryTagsSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.notify.NotificationDelivery;
import io.releaseledger.notify.NotificationEvent;
import io.releaseledger.notify.NotificationKind;
import io.releaseledger.notify.NotificationRecord;
import io.releaseledger.notify.Notifier;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.policy.FreezeOccurrence;
import io.releaseledger.report.Messages;
import io.releaseledger.version.SemanticVersion;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Deploys one version to one environment: the ledger work happens here, wherever the ledger is; the I/O goes to a
 * {@link DeploymentExecutor} (in this process for the CLI, on the build's agent for Jenkins). Locks the environment
 * (waiting while another deploy holds it, taking over a lock whose holder died and reconciling its plan first),
 * plans, records {@code deployment.started} with the plan under the lock, executes, records what the execution
 * reported, tags the image, and unlocks. It plans once: with approvals, the plan that named the digest to approve is
 * the plan deployed, unless the ledger shows that something could have changed before the lock.
 *
 * <pre>{@code
 * DeploymentResult result = new DeployCommand(descriptor, "staging", "1.5.0", ledger, executor)
 *         .setActor(new Actor("alice", "Alice")).setOrigin(Origin.cli("alice", "laptop"))
 *         .setLockTimeout(Duration.ofMinutes(5))
 *         .call();
 * }</pre>
 */
public final class DeployCommand {
    private final ReleaseDescriptor descriptor;
    private final String environment;
    private final String version;
    private final Ledger ledger;
    private final DeploymentExecutor executor;
    private Actor actor = new Actor(System.getProperty("user.name", "unknown"), null);
    private Origin origin = Origin.cli(System.getProperty("user.name", "unknown"), EnvironmentLock.localHost());
    private Messages messages = new Messages();
    private String tag;
    private String digest;
    private String build;
    private String commit;
    private boolean allowDowngrade;
    private boolean dryRun;
    private boolean releaseBranch;
    private Duration lockTimeout = Duration.ofMinutes(5);
    private Duration lockLease = Duration.ofHours(2);
    private String what = "deploy";
    private EnvironmentPolicy policy;
    private String freezeOverride;
    private Clock clock = Clock.systemUTC();
    private boolean called;
    /** The plan whose digest the approvals were checked for, made before the lock; {@code null} without approvals. */
    private DeploymentPlan approvedPlan;
    /** The ledger's last sequence number before {@link #approvedPlan} was made. */
    private long approvedAt;
    private BiConsumer<DeploymentPlan, DeploymentRecorder> afterSuccess = (plan, recorder) -> { };
    private Notifier notifier = Notifier.NONE;
    private NotificationKind successKind = NotificationKind.DEPLOY_SUCCEEDED;
    private String notificationReason;

    /**
     * @param executor where the registry, the hosts and the load balancer are reached
     */
    public DeployCommand(final ReleaseDescriptor descriptor, final String environment, final String version,
            final Ledger ledger, final DeploymentExecutor executor) {
        this.descriptor = descriptor;
        this.environment = environment;
        this.version = version;
        this.ledger = ledger;
        this.executor = executor;
    }

    public DeployCommand setActor(final Actor actor) {
        this.actor = actor;
        return this;
    }

    public DeployCommand setOrigin(final Origin origin) {
        this.origin = origin;
        return this;
    }

    public DeployCommand setMessages(final Messages messages) {
        this.messages = messages;
        return this;
    }

    /** The tag to resolve; default the version. */
    public DeployCommand setTag(final String tag) {
        this.tag = tag;
        return this;
    }

    /** Deploy this digest without resolving a tag. */
    public DeployCommand setDigest(final String digest) {
        this.digest = digest;
        return this;
    }

    public DeployCommand setBuild(final String build) {
        this.build = build;
        return this;
    }

    /** The commit the version was built from, recorded in {@code deployment.started}. */
    public DeployCommand setCommit(final String commit) {
        this.commit = commit;
        return this;
    }

    public DeployCommand setAllowDowngrade(final boolean allowDowngrade) {
        this.allowDowngrade = allowDowngrade;
        return this;
    }

    /** Plan and report the plan; take no lock, change and record nothing. */
    public DeployCommand setDryRun(final boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** The version was made on a release branch: with {@code registryTags.latest}, {@code latest} follows it. */
    public DeployCommand setReleaseBranch(final boolean releaseBranch) {
        this.releaseBranch = releaseBranch;
        return this;
    }

    /** How long to wait while another deploy holds the environment's lock (default 5 min). */
    public DeployCommand setLockTimeout(final Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
        return this;
    }

    /** A lock older than this is taken over as abandoned (default 2 h). */
    public DeployCommand setLockLease(final Duration lockLease) {
        this.lockLease = lockLease;
        return this;
    }

    /** Told when the deploy started, succeeded or failed; it returns within its own bound and never throws. */
    public DeployCommand setNotifier(final Notifier notifier) {
        this.notifier = notifier;
        return this;
    }

    /** A rollback tells {@code ROLLED_BACK} with its reason instead of {@code DEPLOY_SUCCEEDED}. */
    DeployCommand setSuccessNotification(final NotificationKind kind, final String reason) {
        this.successKind = kind;
        this.notificationReason = reason;
        return this;
    }

    /**
     * The environment's approvals and freeze windows (from the controller or the CLI's policy file); none by default.
     * Deploys and promotes obey it before anything changes; rollbacks are always allowed.
     */
    public DeployCommand setPolicy(final EnvironmentPolicy policy) {
        this.policy = policy;
        return this;
    }

    /** An emergency override of an active freeze window: why (recorded as {@code freeze.overridden}). */
    public DeployCommand setFreezeOverride(final String reason) {
        this.freezeOverride = reason;
        return this;
    }

    /** Where "now" comes from for freeze windows (tests). */
    DeployCommand setClock(final Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Runs under the lock after a successful deploy: promotions and rollbacks record their events there. */
    DeployCommand setAfterSuccess(final BiConsumer<DeploymentPlan, DeploymentRecorder> afterSuccess) {
        this.afterSuccess = afterSuccess;
        return this;
    }

    /** What the lock's purpose calls this operation: {@code deploy}, {@code promote}, {@code rollback}. */
    DeployCommand setWhat(final String what) {
        this.what = what;
        return this;
    }

    /**
     * @throws DeploymentException when refused (lock, missing image, downgrade) or failed (after the restore)
     */
    public DeploymentResult call() {
        if (called) {
            throw new IllegalStateException("A DeployCommand runs once; create a new one.");
        }
        called = true;
        descriptor.getEnvironment(environment).orElseThrow(() -> new DeploymentException("The descriptor "
                + descriptor.getSource() + " has no environment '" + environment + "'."));
        if (!descriptor.getOverrides().isEmpty()) {
            messages.info("Overrides of %s: %s", descriptor.getSource(), descriptor.describeOverrides());
        }
        if (dryRun) {
            DeploymentPlan plan = executor.plan(request());
            plan.describe().forEach(line -> messages.info("%s", line));
            return new DeploymentResult(plan, Duration.ZERO, true);
        }
        FreezeOccurrence overridden;
        try {
            overridden = obeyPolicy();
        } catch (ApprovalPendingException e) {
            if (e.isRequested()) { // a step that waits asks again every minute: tell people once
                notify(NotificationKind.APPROVAL_NEEDED, version, e.getMessage());
            }
            throw e;
        }
        EnvironmentLock lock = new EnvironmentLock(ledger, environment, actor, origin, messages);
        String lockId = lock.acquire(version, what + " " + version, lockTimeout, lockLease);
        try {
            DeploymentRecorder recorder = new LedgerDeploymentRecorder(ledger, actor, origin);
            Reconciliation.first(ledger, environment, lock.getTakenOverLockId(), executor, recorder, messages);
            DeploymentPlan plan;
            DeploymentResult result;
            try {
                plan = planUnderLock();
                if (overridden != null) {
                    recorder.record(EventTypes.FREEZE_OVERRIDDEN, environment, PolicyGate.overridden(overridden,
                            version, freezeOverride));
                }
                recorder.record(EventTypes.DEPLOYMENT_STARTED, environment, DeploymentEvents.started(plan, lockId));
                notify(NotificationKind.DEPLOY_STARTED, plan.getVersion(), notificationReason);
                result = executor.execute(plan, lockId, recorder);
                afterSuccess.accept(plan, recorder);
            } catch (RuntimeException e) {
                notify(NotificationKind.DEPLOY_FAILED, version, e.getMessage());
                throw e;
            }
            notify(successKind, plan.getVersion(), notificationReason);
            executor.tagImage(plan, registryTags(plan)).forEach(warning -> messages.warning("%s", warning));
            return result;
        } finally {
            lock.release();
        }
    }

    /**
     * The plan the approvals were checked for, when nothing was recorded between it and this deploy's lock (no other
     * deploy, takeover or reconciliation can have changed what runs); otherwise a new plan of the approved digest.
     */
    private DeploymentPlan planUnderLock() {
        if (approvedPlan != null && lastSequence() == approvedAt + 1) {
            return approvedPlan;
        }
        return executor.plan(request().setConfigurationKey(ledger.configurationKey()));
    }

    private long lastSequence() {
        return ((Number) ledger.view().state().get("events")).longValue();
    }

    /**
     * Notifies, then records how the round ended ({@code notification.sent} or {@code .failed}) through the ledger's
     * normal append, before returning: a CLI that exits next loses nothing. A notifier that breaks its promise and
     * throws, or a ledger that cannot take the record, still does not fail the deploy.
     */
    private void notify(final NotificationKind kind, final String notifiedVersion, final String reason) {
        NotificationEvent event = new NotificationEvent(kind, descriptor.getApplication(), environment, notifiedVersion)
                .setActor(actor.getName() != null ? actor.getName() : actor.getId()).setLink(origin.getUrl())
                .setReason(reason);
        List<NotificationDelivery> deliveries;
        try {
            deliveries = notifier.send(event);
        } catch (RuntimeException e) {
            messages.warning("Notification %s not sent: %s", event, e.getMessage());
            return;
        }
        NotificationLedger.record(ledger, environment, actor, origin, new NotificationRecord(event, deliveries),
                messages);
    }

    /**
     * Freeze windows first (a refusal records nothing), then approvals of the exact digest: a tag is resolved first,
     * and the digest approved is the one deployed.
     *
     * @return the freeze window overridden, to record once the deploy goes ahead; {@code null} if none
     */
    private FreezeOccurrence obeyPolicy() {
        if (policy == null || policy.isEmpty() || "rollback".equals(what)) {
            return null;
        }
        PolicyGate gate = new PolicyGate(ledger, policy, actor, origin, messages, clock);
        FreezeOccurrence overridden = gate.checkFreeze(what, version, freezeOverride);
        if (policy.getApprovals() != null) {
            if (digest == null) {
                approvedAt = lastSequence();
                approvedPlan = executor.plan(request().setConfigurationKey(ledger.configurationKey()));
                digest = approvedPlan.getDigest();
            }
            gate.checkApprovals(what, version, digest);
        }
        return overridden;
    }

    private PlanRequest request() {
        return new PlanRequest(environment, version).setTag(tag).setDigest(digest).setBuild(build).setCommit(commit)
                .setAllowDowngrade(allowDowngrade);
    }

    /** The registry tags the descriptor asks for: the environment's name, and {@code latest} for final releases. */
    private List<String> registryTags(final DeploymentPlan plan) {
        RegistryTagsSpec spec = descriptor.getEnvironment(environment).orElseThrow().getRegistryTags();
        List<String> tags = new ArrayList<>();
        if (spec == null) {
            return tags;
        }
        boolean finalRelease = SemanticVersion.tryParse(plan.getVersion()).map(v -> !v.isPreRelease()).orElse(false);
        if (spec.isEnvironment()) {
            tags.add(environment);
        }
        if (spec.isLatest() && releaseBranch && finalRelease) {
            tags.add("latest");
        }
        return tags;
    }
}
