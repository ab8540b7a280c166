package io.releaseledger.cli;

import io.releaseledger.deploy.MarkBadCommand;
import io.releaseledger.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code release-ledger mark-bad}: marks a release bad so that it cannot be promoted; {@link Clear} is
 * {@code clear-bad}. Both are recorded with who and why.
 */
@Command(name = "mark-bad", sortOptions = false,
        description = {"Mark a release bad: it cannot be promoted until the mark is cleared (clear-bad).",
            "Recorded in the ledger as release.marked-bad with who and why. Changes no container."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure: no such ledger, descriptor problems, ledger error",
            "2:usage error (such as a missing --version or --reason)"})
class MarkBadCliCommand extends ReleaseCommandBase {
    @Option(names = "--version", paramLabel = "VERSION", required = true, description = "The release.")
    private String version;

    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why; recorded.")
    private String reason;

    boolean clearing() {
        return false;
    }

    @Override
    final boolean needsDescriptor() {
        return false;
    }

    @Override
    final int run(final Ledger ledger) {
        MarkBadCommand command = clearing() ? MarkBadCommand.clear(ledger, version, reason)
                : MarkBadCommand.mark(ledger, version, reason);
        command.setActor(actor()).setOrigin(origin()).call();
        messages().info(clearing() ? "Cleared the bad mark of %s in the ledger of %s: %s"
                : "Marked %s bad in the ledger of %s: %s", version, ledger.getApplication(), reason);
        return 0;
    }

    /** {@code release-ledger clear-bad}. */
    @Command(name = "clear-bad", sortOptions = false,
            description = {"Clear the bad mark of a release, so that it can be promoted again. Recorded in the",
                "ledger as release.bad-cleared with who and why; refused when the release is not marked bad."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:success",
                "1:failure: the release is not marked bad, no such ledger, descriptor problems, ledger error",
                "2:usage error (such as a missing --version or --reason)"})
    static final class Clear extends MarkBadCliCommand {
        @Override
        boolean clearing() {
            return true;
        }
    }
}
