package io.releaseledger.cli;

import io.releaseledger.deploy.RollbackCommand;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.rollout.LocalDeploymentExecutor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-ledger rollback}: returns an environment to its previous known-good release. */
@Command(name = "rollback", sortOptions = false,
        description = {"Return an environment to its previous known-good release (or --version) through the",
            "safe path of a deploy (lock, drain, health gate, automatic restore), mark the release",
            "it replaces bad with the reason, and record who and why. Prints the version now running."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success",
            "1:failure: descriptor problems, nothing to return to, lock timeout, deploy failed (what ran was"
                + " restored), registry or ledger error",
            "2:usage error (such as a missing --environment or --reason)"},
        footerHeading = "%nRegistry credentials:%n",
        footer = {"Username from --registry-username or $RELEASE_LEDGER_REGISTRY_USERNAME; the password only from",
            "$RELEASE_LEDGER_REGISTRY_PASSWORD or --registry-password-file. See docs/cli.md."})
final class RollbackCliCommand extends DeploymentCommandBase {
    @Option(names = "--environment", paramLabel = "NAME", required = true,
            description = "The environment to roll back.")
    private String environment;

    @Option(names = "--reason", paramLabel = "TEXT", required = true,
            description = "Why: recorded, and given as the reason the replaced release is marked bad.")
    private String reason;

    @Option(names = "--version", paramLabel = "VERSION",
            description = "The version to return to (default: the previous known-good release there).")
    private String version;

    @Override
    int run(final Ledger ledger) {
        ReleaseDescriptor descriptor = descriptor();
        try (LocalDeploymentExecutor executor = executor(descriptor)) {
            RollbackCommand rollback = new RollbackCommand(descriptor, environment, reason, ledger, executor)
                    .setVersion(version).setActor(actor()).setOrigin(origin()).setMessages(messages())
                    .setDeployOptions(this::configure);
            return print(rollback.call());
        }
    }
}
