package io.releaseledger.cli;

import io.releaseledger.deploy.DeployCommand;
import io.releaseledger.deploy.DeploymentPlan;
import io.releaseledger.deploy.DeploymentResult;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.json.Json;
import io.releaseledger.notify.NotificationSettings;
import io.releaseledger.notify.Notifier;
import io.releaseledger.registry.ImageReference;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.registry.RegistryCredentials;
import io.releaseledger.rollout.LocalDeploymentExecutor;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code deploy}, {@code promote} and {@code rollback} share: registry credentials, the lock timeout, the
 * executor that does the I/O in this process, the options of the engine's {@link DeployCommand}, and printing the
 * {@link DeploymentResult}.
 */
abstract class DeploymentCommandBase extends ReleaseCommandBase {
    @Mixin
    private RegistryOptions registryOptions;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait while another deploy holds the environment's lock: 30s, 5m, 1h, 0 to"
                    + " give up at once (default: 5m).")
    private Duration lockTimeout;

    @Option(names = "--json", description = "Print the result (the deployment's plan) as JSON on stdout.")
    private boolean json;

    private Notifier notifier;

    @Override
    final boolean isJson() {
        return json;
    }

    @Override
    final List<String> secrets(final Map<String, String> environment) {
        return registryOptions.secrets(environment);
    }

    /**
     * The executor of the deploy's I/O in this process: the descriptor's image registry with the credentials given,
     * the hosts and load balancer the descriptor names, {@code {env: VAR}} secrets from this process. Close it.
     */
    final LocalDeploymentExecutor executor(final ReleaseDescriptor descriptor) {
        RegistryCredentials credentials = registryOptions.credentials(environment());
        Map<String, String> environment = environment();
        RegistryClient registry = new RegistryClient(ImageReference.parse(descriptor.getImage()).getRegistry())
                .setCredentials(credentials);
        return new LocalDeploymentExecutor(descriptor, registry).setRegistryCredentials(credentials)
                .setMessages(messages()).setWorkspace(descriptorPath().getParent())
                .setSecrets(reference -> reference.getEnvironmentVariable() == null ? null
                        : environment.get(reference.getEnvironmentVariable()));
    }

    /**
     * Applies the options every deployment shares to the engine's deploy, with the webhooks of
     * {@code <ledger root>/notifications.json}: a bad file is refused here, before anything is locked or changed.
     */
    final void configure(final DeployCommand deploy) {
        deploy.setActor(actor()).setOrigin(origin()).setMessages(messages()).setNotifier(notifier());
        if (lockTimeout != null) {
            deploy.setLockTimeout(lockTimeout);
        }
    }

    /** The notifier of {@code notifications.json} beside the ledgers; loaded once. */
    final Notifier notifier() {
        if (notifier == null) {
            notifier = NotificationSettings.load(ledgerRoot(), environment()::get).notifier(messages(), maskedSecrets());
        }
        return notifier;
    }

    /** Prints the result: the JSON, or the version deployed on stdout (the engine reported the rest on stderr). */
    final int print(final DeploymentResult result) {
        if (json) {
            out().println(Json.writePretty(json(result)));
        } else {
            out().println(result.getPlan().getVersion());
        }
        return 0;
    }

    static Map<String, Object> json(final DeploymentResult result) {
        DeploymentPlan plan = result.getPlan();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("application", plan.getApplication());
        json.put("environment", plan.getEnvironment());
        json.put("version", plan.getVersion());
        json.put("image", plan.getImage());
        json.put("digest", plan.getDigest());
        json.put("strategy", plan.getStrategy());
        json.put("deploymentId", plan.getDeploymentId());
        json.put("instances", plan.getInstances().size());
        json.put("batches", plan.getBatches().size());
        json.put("previousVersions", new ArrayList<>(plan.getPreviousVersions()));
        json.put("dryRun", result.isDryRun());
        json.put("durationMillis", result.getDuration().toMillis());
        json.put("plan", plan.toJson());
        return json;
    }
}
