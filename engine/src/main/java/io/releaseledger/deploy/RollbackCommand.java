package io.releaseledger.deploy;

import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.notify.NotificationKind;
import io.releaseledger.report.Messages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Returns an environment to its previous known-good release (or a given version) through the deploy's safe path
 * (the health gate still applies; a failure restores what ran), then marks the release it replaced bad with the
 * reason and records {@code release.rolledback} ({@code automatic: false}, or {@code true} for a rollback a failed
 * check started, see {@link #setAutomatic}).
 *
 * <pre>{@code
 * new RollbackCommand(descriptor, "production", "checkout broken for Safari", ledger, executor)
 *         .setActor(actor).setOrigin(origin)
 *         .call();
 * }</pre>
 */
public final class RollbackCommand {
    private final ReleaseDescriptor descriptor;
    private final String environment;
    private final String reason;
    private final Ledger ledger;
    private final DeploymentExecutor executor;
    private String version;
    private Actor actor = new Actor(System.getProperty("user.name", "unknown"), null);
    private Origin origin = Origin.cli(System.getProperty("user.name", "unknown"), EnvironmentLock.localHost());
    private Messages messages = new Messages();
    private Consumer<DeployCommand> deployOptions = command -> { };
    private boolean automatic;

    public RollbackCommand(final ReleaseDescriptor descriptor, final String environment, final String reason,
            final Ledger ledger, final DeploymentExecutor executor) {
        if (reason == null || reason.isBlank()) {
            throw new DeploymentException("A rollback of " + environment + " needs a reason: it is recorded and "
                    + "marks the replaced release bad.");
        }
        this.descriptor = descriptor;
        this.environment = environment;
        this.reason = reason;
        this.ledger = ledger;
        this.executor = executor;
    }

    /** The version to return to; default the previous known-good release of the environment. */
    public RollbackCommand setVersion(final String version) {
        this.version = version;
        return this;
    }

    public RollbackCommand setActor(final Actor actor) {
        this.actor = actor;
        return this;
    }

    public RollbackCommand setOrigin(final Origin origin) {
        this.origin = origin;
        return this;
    }

    public RollbackCommand setMessages(final Messages messages) {
        this.messages = messages;
        return this;
    }

    /** Options of the deploy that runs (lock timeout, stop timeout, the notifier…). */
    public RollbackCommand setDeployOptions(final Consumer<DeployCommand> deployOptions) {
        this.deployOptions = deployOptions;
        return this;
    }

    /** Whether no person asked for it (failed smoke checks did): recorded as {@code automatic} (default false). */
    public RollbackCommand setAutomatic(final boolean automatic) {
        this.automatic = automatic;
        return this;
    }

    /**
     * The version a rollback of the environment would return to: {@code version} when given, else the latest release
     * that ran there before the current one, is not marked bad and has a recorded digest. What the Releases page checks
     * before it starts a job, so that a request that cannot succeed is refused at once.
     *
     * @throws DeploymentException naming why there is nothing to return to
     */
    public static String target(final Ledger ledger, final String environment, final String version) {
        String current = PromoteCommand.currentVersion(ledger, environment);
        if (current == null) {
            throw new DeploymentException("Cannot roll back " + environment + ": the ledger records no release "
                    + "running there.");
        }
        DeployHistory records = DeployHistory.read(ledger, environment);
        String to = version;
        if (to == null) {
            DeployHistory all = DeployHistory.read(ledger, null);
            for (String candidate : records.currentReleases()) {
                if (!candidate.equals(current) && all.badReason(candidate) == null && records.digestOf(candidate) != null) {
                    to = candidate;
                    break;
                }
            }
            if (to == null) {
                throw new DeploymentException("Cannot roll back " + environment + " from " + current + ": the ledger "
                        + "records no earlier release there that is not marked bad. Give the version explicitly.");
            }
        }
        if (to.equals(current)) {
            throw new DeploymentException("Cannot roll back " + environment + " to " + to + ": it runs already.");
        }
        if (records.digestOf(to) == null) {
            throw new DeploymentException("Cannot roll back " + environment + " to " + to + ": the ledger records no "
                    + "image digest for it there; deploy it instead.");
        }
        return to;
    }

    /**
     * @throws DeploymentException when there is nothing to return to, or the deploy failed (what ran is restored)
     */
    public DeploymentResult call() {
        String current = PromoteCommand.currentVersion(ledger, environment);
        String to = target(ledger, environment, version);
        String digest = DeployHistory.read(ledger, environment).digestOf(to);
        String target = to;
        messages.info("Rolling back %s from %s to %s (%s): %s", environment, current, target, digest, reason);
        DeployCommand deploy = new DeployCommand(descriptor, environment, target, ledger, executor).setDigest(digest)
                .setAllowDowngrade(true).setActor(actor).setOrigin(origin).setMessages(messages);
        deployOptions.accept(deploy);
        return deploy.setWhat("rollback").setSuccessNotification(NotificationKind.ROLLED_BACK,
                        "from " + current + ": " + reason).setAfterSuccess((plan, recorder) -> {
            Map<String, Object> bad = new LinkedHashMap<>();
            bad.put("version", current);
            bad.put("reason", reason);
            recorder.record(EventTypes.RELEASE_MARKED_BAD, null, bad);
            recorder.record(EventTypes.RELEASE_ROLLED_BACK, environment,
                    DeploymentEvents.rolledBack(current, target, reason, automatic));
        }).call();
    }
}
