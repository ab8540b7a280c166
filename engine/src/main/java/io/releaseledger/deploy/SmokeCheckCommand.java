package io.releaseledger.deploy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.deploy.DeploymentExecutor;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.deploy.RollbackCommand;
import io.releaseledger.descriptor.HealthCheckSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.descriptor.SmokeChecksSpec;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.notify.Notifier;
import io.releaseledger.report.Messages;
import io.releaseledger.rollout.LocalSmokeCheckExecutor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs an environment's smoke checks where the I/O belongs (a {@link SmokeCheckExecutor}) and records the outcome
 * where the ledger is: a {@code check.recorded} event ({@code run: "smoke"}) of the version running there, which
 * {@code promote} reads when the target {@code requires: [checksPassed]}. With a rollback executor, a failed run
 * returns the environment to its previous known-good release through {@link RollbackCommand} (automatic, and the
 * failed release is marked bad). A {@code drift} check gets what the ledger records ({@link DriftExpectation}) and
 * its verdict is recorded as {@code drift.detected} or {@code drift.checked} too. Single use.
 *
 * <pre>{@code
 * SmokeCheckResult result = new SmokeCheckCommand(descriptor, "staging", ledger,
 *         new LocalSmokeCheckExecutor(descriptor)).setActor(actor).setOrigin(origin)
 *         .setRollbackOnFailure(deploymentExecutor)
 *         .call();
 * }</pre>
 */
public final class SmokeCheckCommand {
    private final ReleaseDescriptor descriptor;
    private final String environment;
    private final Ledger ledger;
    private final SmokeCheckExecutor executor;
    private String version;
    private Actor actor = new Actor(System.getProperty("user.name", "unknown"), null);
    private Origin origin = Origin.cli(System.getProperty("user.name", "unknown"), localHost());
    private Messages messages = new Messages();
    private Notifier notifier = Notifier.NONE;
    private Boolean failFast;
    private DeploymentExecutor rollbackExecutor;
    private Duration lockTimeout;
    private boolean called;

    public SmokeCheckCommand(final ReleaseDescriptor descriptor, final String environment, final Ledger ledger,
            final SmokeCheckExecutor executor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The version the results are recorded for; default the one the ledger says runs in the environment. */
    public SmokeCheckCommand setVersion(final String version) {
        this.version = version;
        return this;
    }

    public SmokeCheckCommand setActor(final Actor actor) {
        this.actor = Objects.requireNonNull(actor, "actor");
        return this;
    }

    public SmokeCheckCommand setOrigin(final Origin origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
        return this;
    }

    /** Told about the automatic rollback, as a deploy tells it. */
    public SmokeCheckCommand setNotifier(final Notifier notifier) {
        this.notifier = notifier;
        return this;
    }

    public SmokeCheckCommand setMessages(final Messages messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
        return this;
    }

    /** Stop at the first failure; {@code null} (default) takes the descriptor's {@code failFast}. */
    public SmokeCheckCommand setFailFast(final Boolean failFast) {
        this.failFast = failFast;
        return this;
    }

    /**
     * When the checks fail, roll the environment back with this executor ({@code null}, the default: no rollback).
     * Only the release running there is rolled back: a run of an explicit other version never is.
     */
    public SmokeCheckCommand setRollbackOnFailure(final DeploymentExecutor executor) {
        this.rollbackExecutor = executor;
        return this;
    }

    /** How long the rollback waits for the environment's lock (default: the deploy's, 5 min). */
    public SmokeCheckCommand setLockTimeout(final Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
        return this;
    }

    /**
     * Runs the checks, records {@code check.recorded}, and rolls back on failure when asked to.
     *
     * @throws ReleaseLedgerException when the checks cannot run (no such environment, nothing deployed and no
     *         version given, no smokeChecks, a secret not set); nothing is recorded then
     * @throws io.releaseledger.deploy.DeploymentException when the rollback fails, after the checks were recorded
     */
    public SmokeCheckResult call() {
        if (called) {
            throw new IllegalStateException("A SmokeCheckCommand runs once; create a new one.");
        }
        called = true;
        descriptor.getEnvironment(environment).orElseThrow(() -> new ReleaseLedgerException("The descriptor "
                + descriptor.getSource() + " has no environment '" + environment + "'."));
        String current = currentVersion();
        String checked = version != null ? version : current;
        if (checked == null) {
            throw new ReleaseLedgerException("Cannot smoke-check " + environment + ": the ledger records no release "
                    + "running there. Deploy first, or give the version the results are for.");
        }
        String digest = digestOf(checked);
        SmokeRequest request = new SmokeRequest(environment).setVersion(checked).setDigest(digest)
                .setFailFast(failFast);
        if (hasDriftCheck()) {
            request.setDrift(DriftExpectation.of(ledger, descriptor, environment));
        }
        SmokeOutcome outcome = executor.run(request);
        Map<String, Object> data = new LinkedHashMap<>(outcome.getReport());
        data.put("run", "smoke");
        data.put("environment", environment);
        data.put("version", checked);
        if (digest != null) {
            data.put("digest", digest);
        }
        ledger.append(new EventDraft(EventTypes.CHECK_RECORDED, actor, origin).setEnvironment(environment)
                .setData(data));
        recordDrift(outcome.getDrift());
        if (outcome.isPassed() || rollbackExecutor == null) {
            return new SmokeCheckResult(outcome, null);
        }
        if (!checked.equals(current)) {
            messages.warning("The smoke checks of %s failed, but %s runs there, not %s: nothing was rolled back.",
                    environment, current, checked);
            return new SmokeCheckResult(outcome, null);
        }
        messages.error("The smoke checks of %s %s failed: rolling back", environment, checked);
        RollbackCommand rollback = new RollbackCommand(descriptor, environment, outcome.getSummary(), ledger, rollbackExecutor).setAutomatic(true).setActor(actor).setOrigin(origin)
                .setMessages(messages).setDeployOptions(deploy -> {
                    deploy.setNotifier(notifier);
                    if (lockTimeout != null) {
                        deploy.setLockTimeout(lockTimeout);
                    }
                });
        DeploymentResult result = rollback.call();
        return new SmokeCheckResult(outcome, result.getPlan().getVersion());
    }

    private boolean hasDriftCheck() {
        SmokeChecksSpec spec = descriptor.getEnvironment(environment).orElseThrow().getSmokeChecks();
        return spec != null && spec.getChecks().stream().anyMatch(check -> check.getType()
                == HealthCheckSpec.Type.DRIFT);
    }

    /** The drift check's verdict goes on the page too: {@code drift.*}, unless it could not read every part. */
    private void recordDrift(final Map<String, Object> drift) {
        if (drift == null) {
            return;
        }
        boolean drifted = Boolean.TRUE.equals(drift.get("drifted"));
        if (drifted || Boolean.TRUE.equals(drift.get("complete"))) {
            ledger.append(new EventDraft(drifted ? EventTypes.DRIFT_DETECTED : EventTypes.DRIFT_CHECKED, actor,
                    origin).setEnvironment(environment).setData(DriftCommand.eventData(drift, "smoke")));
        }
    }

    @SuppressWarnings("unchecked")
    private String currentVersion() {
        for (Object env : (List<Object>) ledger.view().state().get("environments")) {
            Map<String, Object> json = (Map<String, Object>) env;
            if (environment.equals(json.get("name")) && json.get("current") instanceof Map) {
                Object current = ((Map<String, Object>) json.get("current")).get("version");
                return current instanceof String ? (String) current : null;
            }
        }
        return null;
    }

    /** The digest the version was deployed or promoted with here, as the ledger records it, or {@code null}. */
    private String digestOf(final String checked) {
        String digest = null;
        for (LedgerEvent event : ledger.events(environment)) {
            Map<String, Object> data = event.getData();
            if ((EventTypes.DEPLOYMENT_STARTED.equals(event.getType())
                    || EventTypes.RELEASE_PROMOTED.equals(event.getType()))
                    && checked.equals(data.get("version")) && data.get("image") instanceof Map<?, ?> image
                    && image.get("digest") instanceof String value) {
                digest = value;
            }
        }
        return digest;
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
