package io.releaseledger.cli;

import io.releaseledger.agent.SecretMask;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.report.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What the commands reading a ledger share: the ledger options, opening it, and reporting errors. */
abstract class LedgerCommandBase implements Callable<Integer> {
    @ParentCommand
    private ReleaseLedgerCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private LedgerOptions ledgerOptions;

    /** Runs the command on the open ledger; returns the exit code. */
    abstract int run(Ledger ledger, String application, Path ledgerRoot, PrintWriter out, PrintWriter err);

    /** Whether errors also go to stdout as {@code {"error": …}}. */
    boolean isJson() {
        return false;
    }

    ReleaseLedgerCommand root() {
        return root;
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ErrorReporter errors = new ErrorReporter(spec, err, root.isDebug(), new SecretMask(List.of()));
        Ledger ledger = null;
        try {
            Path ledgerRoot = ledgerOptions.root(root.getContext().getEnvironment());
            String application = ledgerOptions.existingApplication(ledgerRoot);
            // Read-only: these commands write nothing, so a read-only ledger can be read and verified. A damaged
            // journal still opens (Ledger.isDamaged): each command reports it in its own way. The engine's warnings
            // (a checkpoint rebuilt, a torn line not read) go to stderr.
            Messages notes = new Messages(new ConsoleMessages(err, root.isQuiet(), new SecretMask(List.of()))::print);
            ledger = Ledger.openForReading(ledgerRoot, application, notes,
                    ledgerOptions.keyFile(root.getContext().getEnvironment()).forReading(ledgerRoot));
            return run(ledger, application, ledgerRoot, out, err);
        } catch (RuntimeException e) {
            String message = errors.report(e);
            if (isJson()) {
                out.println(io.releaseledger.json.Json.writePretty(java.util.Map.of("error", message)));
            }
            return ReleaseLedgerCli.FAILURE;
        } finally {
            LedgerText.closeQuietly(ledger);
            out.flush();
            err.flush();
        }
    }
}
