package io.releaseledger.deploy;

import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.PromotionRequirement;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.policy.EnvironmentPolicy;
import io.releaseledger.report.Messages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Promotes the release running in the source environment (or a given version) to the target: refused unless it
 * was deployed there successfully, passed the checks recorded there, and is not marked bad; then the same digest
 * goes through the deploy's safe path, and {@code release.promoted} is recorded.
 *
 * <pre>{@code
 * DeploymentResult result = new PromoteCommand(descriptor, "production", ledger, executor)
 *         .setActor(actor).setOrigin(origin)
 *         .call();
 * }</pre>
 */
public final class PromoteCommand {
    private final ReleaseDescriptor descriptor;
    private final String target;
    private final Ledger ledger;
    private final DeploymentExecutor executor;
    private String from;
    private String version;
    private Actor actor = new Actor(System.getProperty("user.name", "unknown"), null);
    private Origin origin = Origin.cli(System.getProperty("user.name", "unknown"), EnvironmentLock.localHost());
    private Messages messages = new Messages();
    private Consumer<DeployCommand> deployOptions = command -> { };
    private EnvironmentPolicy policy;
    private String freezeOverride;

    public PromoteCommand(final ReleaseDescriptor descriptor, final String target, final Ledger ledger,
            final DeploymentExecutor executor) {
        this.descriptor = descriptor;
        this.target = target;
        this.ledger = ledger;
        this.executor = executor;
    }

    /** The source environment; default the target's {@code promotesFrom}. */
    public PromoteCommand setFrom(final String from) {
        this.from = from;
        return this;
    }

    /** The version to promote; default the one running in the source environment. */
    public PromoteCommand setVersion(final String version) {
        this.version = version;
        return this;
    }

    public PromoteCommand setActor(final Actor actor) {
        this.actor = actor;
        return this;
    }

    public PromoteCommand setOrigin(final Origin origin) {
        this.origin = origin;
        return this;
    }

    public PromoteCommand setMessages(final Messages messages) {
        this.messages = messages;
        return this;
    }

    /** Options of the deploy that runs (lock timeout, build, stop timeout…). */
    public PromoteCommand setDeployOptions(final Consumer<DeployCommand> deployOptions) {
        this.deployOptions = deployOptions;
        return this;
    }

    /** The target environment's approvals and freeze windows; none by default. */
    public PromoteCommand setPolicy(final EnvironmentPolicy policy) {
        this.policy = policy;
        return this;
    }

    /** An emergency override of an active freeze window in the target: why (recorded). */
    public PromoteCommand setFreezeOverride(final String reason) {
        this.freezeOverride = reason;
        return this;
    }

    /**
     * @throws DeploymentException when the release may not be promoted, or the deploy failed
     * @throws ApprovalPendingException while the target's approvals of the release are missing
     */
    public DeploymentResult call() {
        EnvironmentSpec targetSpec = descriptor.getEnvironment(target).orElseThrow(() -> new DeploymentException(
                "The descriptor has no environment '" + target + "'."));
        String source = from != null ? from : targetSpec.getPromotesFrom();
        if (source == null) {
            throw new DeploymentException("Cannot promote to " + target + ": it has no promotesFrom in the descriptor "
                    + "and no source environment was given.");
        }
        DeployHistory sourceRecords = DeployHistory.read(ledger, source);
        String promoted = version != null ? version : currentVersion(source);
        if (promoted == null) {
            throw new DeploymentException("Cannot promote to " + target + ": nothing has been deployed to " + source
                    + " yet.");
        }
        String refused = "Refusing to promote " + promoted + " from " + source + " to " + target + ": ";
        String bad = DeployHistory.read(ledger, null).badReason(promoted);
        if (bad != null) {
            throw new DeploymentException(refused + "it is marked bad (" + bad + "). Clear the mark first if it was "
                    + "a mistake.");
        }
        List<PromotionRequirement> requires = List.copyOf(targetSpec.getRequires());
        boolean needDeployed = requires.isEmpty() || requires.contains(PromotionRequirement.DEPLOYED);
        if (needDeployed && !sourceRecords.succeeded(promoted)) {
            throw new DeploymentException(refused + "it was never deployed successfully to " + source + ".");
        }
        Boolean checks = sourceRecords.checksPassed(promoted);
        if ((requires.isEmpty() || requires.contains(PromotionRequirement.CHECKS_PASSED)) && Boolean.FALSE.equals(checks)) {
            throw new DeploymentException(refused + "its last checks in " + source + " failed.");
        }
        String digest = sourceRecords.digestOf(promoted);
        if (digest == null) {
            throw new DeploymentException(refused + "the ledger records no image digest for it in " + source + ".");
        }
        messages.info("Promoting %s (%s) from %s to %s", promoted, digest, source, target);
        DeployCommand deploy = new DeployCommand(descriptor, target, promoted, ledger, executor).setDigest(digest)
                .setActor(actor).setOrigin(origin).setMessages(messages).setPolicy(policy)
                .setFreezeOverride(freezeOverride);
        deployOptions.accept(deploy);
        return deploy.setWhat("promote").setAfterSuccess((plan, recorder) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("version", promoted);
            data.put("from", source);
            data.put("image", DeploymentEvents.image(plan));
            recorder.record(EventTypes.RELEASE_PROMOTED, target, data);
        }).call();
    }

    @SuppressWarnings("unchecked")
    static String currentVersion(final Ledger ledger, final String environment) {
        for (Object env : (List<Object>) ledger.view().state().get("environments")) {
            Map<String, Object> json = (Map<String, Object>) env;
            if (environment.equals(json.get("name")) && json.get("current") instanceof Map) {
                return (String) ((Map<String, Object>) json.get("current")).get("version");
            }
        }
        return null;
    }

    private String currentVersion(final String environment) {
        return currentVersion(ledger, environment);
    }
}
