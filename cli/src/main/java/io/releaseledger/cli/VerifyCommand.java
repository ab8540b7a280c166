package io.releaseledger.cli;

import io.releaseledger.report.Counted;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Verification;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-ledger verify}: checks the ledger's hash chain; exit code 3 when it is damaged. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the ledger's hash chain: every event present, in order, unchanged, and sealed with the",
            "ledger key (--ledger-key). Prints the first damaged line, its sequence number and the problem."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the chain is intact", "1:failure: no such ledger, unreadable ledger", "2:usage error",
            "3:the ledger is damaged (edited, truncated, reordered, re-sealed without the ledger key)"})
final class VerifyCommand extends LedgerCommandBase {
    @Option(names = "--json", description = "Print the JSON of the API's verify (GET api/verify) on stdout.")
    private boolean json;

    @Override
    boolean isJson() {
        return json;
    }

    @Override
    int run(final Ledger ledger, final String application, final Path ledgerRoot, final PrintWriter out,
            final PrintWriter err) {
        // The ledger opens even when its journal is damaged; verify re-reads the whole chain (and reports the
        // damage found on open, such as a journal cut short behind its checkpoint).
        Verification verification = ledger.verify();
        if (json) {
            out.println(LedgerText.json(verification.toJson()));
        } else if (verification.isIntact()) {
            out.println("intact: " + Counted.of(verification.getEvents(), "event") + ", hash chain verified ("
                    + LedgerText.clean(application) + ")" + (verification.isAuthenticated()
                            ? ", every event authenticated by the ledger key" : ""));
            if (!verification.isAuthenticated()) {
                out.println("not authenticated: " + LedgerText.clean(verification.getUnauthenticated()));
            }
        } else {
            out.println("DAMAGED: line " + verification.getLine() + ", seq " + verification.getSequence() + ": "
                    + LedgerText.clean(verification.getProblem()));
            out.println("(" + Counted.of(verification.getEvents(), "event") + " read; the ledger refuses new events until an operator"
                    + " restores " + ledger.getDirectory().resolve("events.jsonl") + " from a backup)");
        }
        return verification.isIntact() ? 0 : ReleaseLedgerCli.DAMAGED;
    }
}
