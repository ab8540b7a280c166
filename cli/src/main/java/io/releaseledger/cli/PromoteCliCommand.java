package io.releaseledger.cli;

import io.releaseledger.deploy.PromoteCommand;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.rollout.LocalDeploymentExecutor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-ledger promote}: deploys the release of the source environment, same digest, to the target. */
@Command(name = "promote", sortOptions = false,
        description = {"Promote the release running in the source environment (the target's promotesFrom,",
            "or --from), or a given --version, to the target. Refused when it is marked bad, was",
            "never deployed there successfully, or failed its checks there; else the same digest",
            "is deployed as `deploy` does, and release.promoted is recorded. Prints the version."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success",
            "1:failure: descriptor problems, promotion refused (bad, not deployed, checks failed), lock timeout,"
                + " deploy failed (the previous release was restored), registry or ledger error",
            "2:usage error (such as a missing --to)"},
        footerHeading = "%nRegistry credentials:%n",
        footer = {"Username from --registry-username or $RELEASE_LEDGER_REGISTRY_USERNAME; the password only from",
            "$RELEASE_LEDGER_REGISTRY_PASSWORD or --registry-password-file. See docs/cli.md."})
final class PromoteCliCommand extends DeploymentCommandBase {
    @Option(names = "--to", paramLabel = "ENV", required = true, description = "The environment to promote to.")
    private String to;

    @Option(names = "--from", paramLabel = "ENV",
            description = "The source environment (default: the target's promotesFrom in the descriptor).")
    private String from;

    @Option(names = "--version", paramLabel = "VERSION",
            description = "The version to promote (default: the one running in the source environment).")
    private String version;

    @Option(names = "--override-freeze", paramLabel = "REASON",
            description = "Promote inside a freeze window in an emergency; the reason is recorded (freeze.overridden).")
    private String overrideFreeze;

    @Override
    int run(final Ledger ledger) {
        ReleaseDescriptor descriptor = descriptor();
        try (LocalDeploymentExecutor executor = executor(descriptor)) {
            PromoteCommand promote = new PromoteCommand(descriptor, to, ledger, executor).setFrom(from)
                    .setVersion(version).setActor(actor()).setOrigin(origin()).setMessages(messages())
                    .setPolicy(policy(ledger, to)).setFreezeOverride(overrideFreeze).setDeployOptions(this::configure);
            return print(promote.call());
        }
    }
}
