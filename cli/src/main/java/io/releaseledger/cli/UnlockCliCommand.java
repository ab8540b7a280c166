package io.releaseledger.cli;

import io.releaseledger.deploy.UnlockCommand;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.rollout.LocalDeploymentExecutor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-ledger unlock}: an administrator reconciles an environment left locked and releases its lock. */
@Command(name = "unlock", sortOptions = false,
        description = {"Release the lock of an environment left locked (an aborted deploy whose unlock failed, a",
            "controller that went down), whatever holds it: first reconcile what that deploy left (every instance",
            "back on one recorded release, every server back in the load balancer, the outcome recorded), then",
            "unlock. Recorded in the ledger as environment.unlocked with forced: true, who and why.",
            "With --no-reconcile only the lock is released; the next deploy reconciles."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success",
            "1:failure: not locked and nothing to reconcile, the reconcile did not complete (the lock is released;"
                + " what is left is printed), descriptor problems, ledger error",
            "2:usage error (such as a missing --environment or --reason)"})
final class UnlockCliCommand extends DeploymentCommandBase {
    @Option(names = "--environment", paramLabel = "NAME", required = true, description = "The environment to unlock.")
    private String environment;

    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why; recorded.")
    private String reason;

    @Option(names = "--no-reconcile", description = "Only release the lock; the next deploy reconciles.")
    private boolean noReconcile;

    @Override
    int run(final Ledger ledger) {
        UnlockCommand unlock = new UnlockCommand(ledger, environment, reason).setActor(actor()).setOrigin(origin())
                .setMessages(messages());
        if (noReconcile) {
            messages().info("%s", unlock.call());
            return 0;
        }
        ReleaseDescriptor descriptor = descriptor();
        try (LocalDeploymentExecutor executor = executor(descriptor)) {
            messages().info("%s", unlock.setReconcile(descriptor, executor).call());
            return 0;
        }
    }
}
