package io.releaseledger.cli;

import io.releaseledger.deploy.DeployCommand;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.rollout.LocalDeploymentExecutor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-ledger deploy}: puts one version on one environment through the engine's safe path. */
@Command(name = "deploy", sortOptions = false,
        description = {"Deploy one version to one environment of the release descriptor: lock the",
            "environment, resolve the image to its digest, replace the instances batch after batch",
            "behind the load balancer, run the health gate, restore the previous release on failure,",
            "and record everything in the ledger. Prints the version on stdout; progress (and the",
            "plan of --dry-run) goes to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (also a dry run)",
            "1:failure: descriptor problems, unknown environment, missing image, downgrade refused, lock timeout,"
                + " inside a freeze window, waiting for approvals (recorded as approval.requested), rejected,"
                + " deploy failed (the previous release was restored), registry or ledger error",
            "2:usage error (such as a missing --environment or --version)"},
        footerHeading = "%nRegistry credentials:%n",
        footer = {"Username from --registry-username or $RELEASE_LEDGER_REGISTRY_USERNAME; the password only from",
            "$RELEASE_LEDGER_REGISTRY_PASSWORD or --registry-password-file. See docs/cli.md."})
final class DeployCliCommand extends DeploymentCommandBase {
    @Option(names = "--environment", paramLabel = "NAME", required = true,
            description = "The environment to deploy to, as the descriptor names it.")
    private String environment;

    @Option(names = "--version", paramLabel = "VERSION", required = true,
            description = "The version to deploy (also the image tag unless --tag or --digest).")
    private String version;

    @Option(names = "--tag", paramLabel = "TAG", description = "The image tag to resolve (default: the version).")
    private String tag;

    @Option(names = "--digest", paramLabel = "DIGEST",
            description = "Deploy this image digest (sha256:…) without resolving a tag.")
    private String digest;

    @Option(names = "--allow-downgrade",
            description = "Allow a version older than the one running (a rollback is the normal way back).")
    private boolean allowDowngrade;

    @Option(names = "--override-freeze", paramLabel = "REASON",
            description = "Deploy inside a freeze window in an emergency; the reason is recorded (freeze.overridden).")
    private String overrideFreeze;

    @Option(names = "--dry-run", description = "Plan and print the plan; take no lock, change and record nothing.")
    private boolean dryRun;

    @Override
    boolean readsOnly() {
        return dryRun;
    }

    @Override
    int run(final Ledger ledger) {
        ReleaseDescriptor descriptor = descriptor();
        try (LocalDeploymentExecutor executor = executor(descriptor)) {
            DeployCommand deploy = new DeployCommand(descriptor, environment, version, ledger, executor)
                    .setTag(tag).setDigest(digest).setAllowDowngrade(allowDowngrade).setDryRun(dryRun)
                    .setPolicy(policy(ledger, environment)).setFreezeOverride(overrideFreeze);
            configure(deploy);
            return print(deploy.call());
        }
    }
}
