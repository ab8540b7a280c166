package io.releaseledger.cli;

import io.releaseledger.deploy.ApproveCommand;
import io.releaseledger.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code release-ledger approve}: approves the release a deploy or promote waits for; {@link Reject} is
 * {@code reject}. Who approves is the system user, as for every event the CLI records; the environment's rule comes
 * from the policy file beside the ledger.
 */
@Command(name = "approve", sortOptions = false,
        description = {"Approve the release a deploy or promote to an environment waits for: its version and image",
            "digest, as the waiting deploy printed them. Recorded as approval.granted with who (the system user)",
            "and the comment. Refused for a release nothing waits for, for a user the policy does not name as",
            "approver, and for who asked for the deploy or wrote the release's commits. The rules come from",
            "policy.json in the application's ledger directory (see docs/governance.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success",
            "1:refused (nothing waits for that release, not an approver, self-approval), bad policy, ledger error",
            "2:usage error (such as a missing --environment or --version)"})
class ApproveCliCommand extends ReleaseCommandBase {
    @Option(names = "--environment", paramLabel = "NAME", required = true,
            description = "The environment the deploy or promote goes to.")
    private String environment;

    @Option(names = "--version", paramLabel = "VERSION", required = true, description = "The release's version.")
    private String version;

    @Option(names = "--digest", paramLabel = "DIGEST",
            description = "The release's image digest (sha256:…); may be left out when only one build of the version"
                    + " waits.")
    private String digest;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why; recorded (required to reject).")
    private String comment;

    boolean granting() {
        return true;
    }

    @Override
    final boolean needsDescriptor() {
        return false;
    }

    @Override
    final int run(final Ledger ledger) {
        String done = new ApproveCommand(ledger, policy(ledger, environment),
                version, granting()).setDigest(digest).setComment(comment).setActor(actor()).setOrigin(origin())
                .call();
        messages().info("%s", done);
        return 0;
    }

    /** {@code release-ledger reject}. */
    @Command(name = "reject", sortOptions = false,
            description = {"Reject the release a deploy or promote to an environment waits for, with a comment.",
                "Recorded as approval.rejected; the deploy is refused until the one who rejected it approves it,",
                "and a new build (a new digest) needs approvals of its own."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success",
                "1:refused (nothing waits for that release, not an approver, self-approval, no comment), bad policy,"
                    + " ledger error",
                "2:usage error (such as a missing --environment or --version)"})
    static final class Reject extends ApproveCliCommand {
        @Override
        boolean granting() {
            return false;
        }
    }
}
