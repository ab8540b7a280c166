package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.deploy.SmokeCheckCommand;
import io.releaseledger.notify.NotificationSettings;
import io.releaseledger.deploy.SmokeCheckResult;
import io.releaseledger.deploy.SmokeOutcome;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.registry.ImageReference;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.registry.RegistryCredentials;
import io.releaseledger.rollout.LocalDeploymentExecutor;
import io.releaseledger.rollout.LocalSmokeCheckExecutor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code release-ledger smoke-check}: runs an environment's smoke checks, records them, rolls back on request. */
@Command(name = "smoke-check", sortOptions = false,
        description = {"Run the smokeChecks the descriptor declares for the environment against its",
            "instances, print a table of the results, and record them (check.recorded) for",
            "the version running there: promote reads them when the target requires",
            "checksPassed. With --rollback-on-failure a failed run returns the environment",
            "to its previous known-good release (automatic; the failed release is marked bad)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed",
            "1:a check failed (recorded; rolled back with --rollback-on-failure), or the checks could not run:"
                + " descriptor problems, nothing deployed, a secret not set, ledger error, rollback failed",
            "2:usage error (such as a missing --environment)"},
        footerHeading = "%nSecrets and registry credentials:%n",
        footer = {"Check secrets come from the environment variables the descriptor names ({env: VAR}).",
            "For --rollback-on-failure: registry username from --registry-username or",
            "$RELEASE_LEDGER_REGISTRY_USERNAME, the password only from $RELEASE_LEDGER_REGISTRY_PASSWORD or",
            "--registry-password-file. See docs/smoke-checks.md and docs/cli.md."})
final class SmokeCheckCliCommand extends ReleaseCommandBase {
    @Option(names = "--environment", required = true, paramLabel = "NAME",
            description = "The environment whose smokeChecks run (required).")
    private String environment;

    @Option(names = "--version", paramLabel = "VERSION",
            description = "The version the results are recorded for (default: the one the ledger says runs there).")
    private String version;

    @Option(names = "--fail-fast", negatable = true,
            description = "Stop at the first failure (--no-fail-fast: run every check); default: the descriptor's"
                    + " failFast.")
    private Boolean failFast;

    @Option(names = "--rollback-on-failure",
            description = "When a check fails, roll the environment back to its previous known-good release.")
    private boolean rollbackOnFailure;

    @Mixin
    private RegistryOptions registryOptions;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --rollback-on-failure: how long to wait for the environment's lock (default: 5m).")
    private Duration lockTimeout;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write the results as a JUnit XML report to FILE (relative to the current directory).")
    private Path junit;

    @Option(names = "--json", description = "Print the outcome as JSON on stdout instead of the table.")
    private boolean json;

    @Override
    boolean isJson() {
        return json;
    }

    @Override
    List<String> secrets(final Map<String, String> variables) {
        String password = registryOptions.password(variables);
        return password == null ? List.of() : List.of(password);
    }

    @Override
    int run(final Ledger ledger) {
        ReleaseDescriptor descriptor = descriptor();
        LocalSmokeCheckExecutor checks = new LocalSmokeCheckExecutor(descriptor).setMessages(messages())
                .setEnvironmentVariables(environment()).setWorkspace(descriptorPath().getParent())
                .setRegistry(new RegistryClient(ImageReference.parse(descriptor.getImage()).getRegistry())
                        .setCredentials(registryOptions.credentials(environment())));
        SmokeCheckCommand command = new SmokeCheckCommand(descriptor, environment, ledger, checks).setVersion(version)
                .setActor(actor()).setOrigin(origin()).setMessages(messages()).setFailFast(failFast)
                .setLockTimeout(lockTimeout);
        SmokeCheckResult result;
        if (rollbackOnFailure) {
            command.setNotifier(NotificationSettings.load(ledgerRoot(), environment()::get)
                    .notifier(messages(), maskedSecrets()));
            try (LocalDeploymentExecutor executor = deploymentExecutor(descriptor)) {
                result = command.setRollbackOnFailure(executor).call();
            }
        } else {
            result = command.call();
        }
        SmokeOutcome outcome = result.getOutcome();
        if (junit != null) {
            writeJUnit(outcome.getJUnitXml());
        }
        if (json) {
            Map<String, Object> printed = new LinkedHashMap<>(outcome.toJson());
            printed.put("rolledBackTo", result.getRolledBackTo());
            out().println(Json.writePretty(printed));
        } else {
            out().print(outcome.getTable());
        }
        if (result.getRolledBackTo() != null) {
            messages().warning("Rolled %s back to %s: the smoke checks failed", environment, result.getRolledBackTo());
        }
        return outcome.isPassed() ? 0 : ReleaseLedgerCli.FAILURE;
    }

    private void writeJUnit(final String xml) {
        try {
            Path parent = junit.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(junit, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReleaseLedgerException("cannot write the JUnit report " + junit + ": " + e.getMessage());
        }
    }

    /** The rollback's I/O in this process, as {@code rollback} does it. */
    private LocalDeploymentExecutor deploymentExecutor(final ReleaseDescriptor descriptor) {
        Map<String, String> variables = environment();
        RegistryCredentials credentials = registryOptions.credentials(variables);
        RegistryClient registry = new RegistryClient(ImageReference.parse(descriptor.getImage()).getRegistry())
                .setCredentials(credentials);
        return new LocalDeploymentExecutor(descriptor, registry).setRegistryCredentials(credentials)
                .setMessages(messages()).setWorkspace(descriptorPath().getParent())
                .setSecrets(reference -> reference.getEnvironmentVariable() == null ? null
                        : variables.get(reference.getEnvironmentVariable()));
    }
}
