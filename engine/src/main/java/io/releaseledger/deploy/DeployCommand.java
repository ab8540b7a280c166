package io.releaseledger.deploy;

import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.descriptor.RegistryTagsSpec;
import io.releaseledger.descriptor.SecretReference;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.registry.RegistryCredentials;
import io.releaseledger.report.Messages;
import io.releaseledger.version.SemanticVersion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Deploys one version to one environment in one process, as the CLI does: locks the environment in the ledger
 * (waiting while another deploy holds it, taking over a lock whose holder died, reconciling first), plans,
 * deploys through the {@link Deployer}, records every step, tags the image, and unlocks.
 *
 * <pre>{@code
 * DeploymentResult result = new DeployCommand(descriptor, "staging", "1.5.0", ledger, registry)
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
    private final RegistryClient registry;
    private Actor actor = new Actor(System.getProperty("user.name", "unknown"), null);
    private Origin origin = Origin.cli(System.getProperty("user.name", "unknown"), EnvironmentLock.localHost());
    private DeployTargets targets;
    private Messages messages = new Messages();
    private DeploymentListener listener = new DeploymentListener() { };
    private String tag;
    private String digest;
    private String build;
    private String commit;
    private boolean allowDowngrade;
    private boolean dryRun;
    private boolean releaseBranch;
    private Duration lockTimeout = Duration.ofMinutes(5);
    private Duration lockLease = Duration.ofHours(2);
    private Function<SecretReference, String> secrets = ContainerFactory::fromProcessEnvironment;
    private RegistryCredentials registryCredentials;
    private Path workspace = Path.of(".");
    private String what = "deploy";
    private Duration stopTimeout = Duration.ofSeconds(10);
    private boolean called;
    private java.util.function.BiConsumer<DeploymentPlan, DeploymentRecorder> afterSuccess = (plan, recorder) -> { };

    /**
     * @param registry the client of the image's registry (with its credentials); resolves the tag and sets tags
     */
    public DeployCommand(final ReleaseDescriptor descriptor, final String environment, final String version,
            final Ledger ledger, final RegistryClient registry) {
        this.descriptor = descriptor;
        this.environment = environment;
        this.version = version;
        this.ledger = ledger;
        this.registry = registry;
    }

    public DeployCommand setActor(final Actor actor) {
        this.actor = actor;
        return this;
    }

    public DeployCommand setOrigin(final Origin origin) {
        this.origin = origin;
        return this;
    }

    /** The connections to the hosts and the load balancer; default: what the descriptor names. */
    public DeployCommand setTargets(final DeployTargets targets) {
        this.targets = targets;
        return this;
    }

    public DeployCommand setMessages(final Messages messages) {
        this.messages = messages;
        return this;
    }

    public DeployCommand setListener(final DeploymentListener listener) {
        this.listener = listener;
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

    public DeployCommand setSecrets(final Function<SecretReference, String> secrets) {
        this.secrets = secrets;
        return this;
    }

    public DeployCommand setRegistryCredentials(final RegistryCredentials registryCredentials) {
        this.registryCredentials = registryCredentials;
        return this;
    }

    /** How long an old container has to stop after SIGTERM before it is killed (default 10 s). */
    public DeployCommand setStopTimeout(final Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        return this;
    }

    public DeployCommand setWorkspace(final Path workspace) {
        this.workspace = workspace;
        return this;
    }

    /** Runs under the lock after a successful deploy: promotions and rollbacks record their events there. */
    DeployCommand setAfterSuccess(final java.util.function.BiConsumer<DeploymentPlan, DeploymentRecorder> afterSuccess) {
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
        boolean ownTargets = targets == null;
        DeployTargets connections = ownTargets
                ? new EnvironmentTargets(descriptor.getEnvironment(environment).orElseThrow(() -> new DeploymentException(
                        "The descriptor has no environment '" + environment + "'."))) : targets;
        try {
            if (dryRun) {
                DeploymentPlan plan = planner(connections).plan();
                plan.describe().forEach(line -> messages.info("%s", line));
                return new DeploymentResult(plan, Duration.ZERO, true);
            }
            EnvironmentLock lock = new EnvironmentLock(ledger, environment, actor, origin, messages);
            String lockId = lock.acquire(version, what + " " + version, lockTimeout, lockLease);
            try {
                DeploymentRecorder recorder = new LedgerDeploymentRecorder(ledger, actor, origin);
                if (lock.getTakenOverLockId() != null) {
                    reconcile(lock.getTakenOverLockId(), connections, recorder);
                }
                DeploymentPlan plan = planner(connections).plan();
                DeploymentResult result = deployer(connections, recorder).setLockId(lockId).deploy(plan);
                afterSuccess.accept(plan, recorder);
                tagImage(plan);
                return result;
            } finally {
                lock.release();
            }
        } finally {
            if (ownTargets) {
                connections.close();
            }
        }
    }

    private DeploymentPlanner planner(final DeployTargets connections) {
        return new DeploymentPlanner(descriptor, environment, version, registry, connections).setTag(tag)
                .setDigest(digest).setBuild(build).setCommit(commit).setAllowDowngrade(allowDowngrade);
    }

    private Deployer deployer(final DeployTargets connections, final DeploymentRecorder recorder) {
        return new Deployer(descriptor, environment, connections).setRecorder(recorder).setListener(listener)
                .setMessages(messages).setSecrets(secrets).setRegistryCredentials(registryCredentials)
                .setWorkspace(workspace).setStopTimeout(stopTimeout);
    }

    private void reconcile(final String staleLockId, final DeployTargets connections,
            final DeploymentRecorder recorder) {
        Map<String, Object> started = LedgerRecords.read(ledger, environment).startedUnder(staleLockId);
        if (started == null || !(started.get("plan") instanceof Map)) {
            messages.info("Environment %s: the previous holder had not started to deploy; nothing to reconcile",
                    environment);
            return;
        }
        @SuppressWarnings("unchecked")
        DeploymentPlan plan = DeploymentPlan.fromJson((Map<String, Object>) started.get("plan"));
        messages.warning("Environment %s: reconciling the interrupted deploy of %s (%s)", environment,
                plan.getVersion(), plan.getDeploymentId());
        deployer(connections, recorder).reconcile(plan);
    }

    private void tagImage(final DeploymentPlan plan) {
        RegistryTagsSpec tags = descriptor.getEnvironment(environment).orElseThrow().getRegistryTags();
        if (tags == null || registry == null) {
            return;
        }
        String repository = io.releaseledger.registry.ImageReference.parse(plan.getRepository()).getRepository();
        boolean finalRelease = SemanticVersion.tryParse(plan.getVersion()).map(v -> !v.isPreRelease()).orElse(false);
        try {
            if (tags.isEnvironment()) {
                registry.tag(repository, plan.getDigest(), environment);
                messages.info("Tagged %s@%s as %s", plan.getRepository(), plan.getDigest(), environment);
            }
            if (tags.isLatest() && releaseBranch && finalRelease) {
                registry.tag(repository, plan.getDigest(), "latest");
                messages.info("Tagged %s@%s as latest", plan.getRepository(), plan.getDigest());
            }
        } catch (RuntimeException e) {
            messages.warning("The deploy succeeded, but tagging the image in the registry failed: %s", e.getMessage());
        }
    }
}
