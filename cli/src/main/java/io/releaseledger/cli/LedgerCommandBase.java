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

    private Path empty;

    /**
     * Whether an application without a ledger yet is shown as an empty one ({@code 0 events}) rather than refused.
     * Default: yes.
     */
    boolean acceptsNoLedger() {
        return true;
    }

    /**
     * The application of {@code release-ledger.yaml} in the {@code -C} directory (the current one by default), or
     * {@code null} without one or when it cannot be read: the file is only a hint here, never a requirement.
     */
    private String descriptorApplication() {
        java.nio.file.Path file = root.getRepository().resolve(io.releaseledger.descriptor.DescriptorLoader.DEFAULT_FILE_NAME);
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null;
        }
        try {
            return io.releaseledger.descriptor.DescriptorLoader.load(file).getApplication();
        } catch (io.releaseledger.ReleaseLedgerException e) {
            return null;
        }
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ErrorReporter errors = new ErrorReporter(spec, err, root.isDebug(), new SecretMask(List.of()));
        Ledger ledger = null;
        try {
            Path ledgerRoot = ledgerOptions.root(root.getContext().getEnvironment());
            // Read-only: these commands write nothing, so a read-only ledger can be read and verified. A damaged
            // journal still opens (Ledger.isDamaged): each command reports it in its own way. The engine's warnings
            // (a checkpoint rebuilt, a torn line not read) go to stderr.
            Messages notes = new Messages(new ConsoleMessages(err, root.isQuiet(), new SecretMask(List.of()))::print);
            String known = ledgerOptions.application() != null ? ledgerOptions.application() : descriptorApplication();
            if (known != null && acceptsNoLedger() && ledgerOptions.withoutLedger(ledgerRoot, known)) {
                // Nothing recorded yet is a state, not an error: show an empty ledger, made and deleted here.
                List<String> others = java.nio.file.Files.isDirectory(ledgerRoot) ? Ledger.applications(ledgerRoot)
                        : List.of();
                notes.info("No ledger for application \"%s\" under %s yet: 0 events%s", known, ledgerRoot,
                        others.isEmpty() ? "" : " (known: " + String.join(", ", others) + ")");
                empty = java.nio.file.Files.createTempDirectory("release-ledger-empty");
                Ledger.open(empty, known).close();
                ledger = Ledger.openForReading(empty, known, notes);
                return run(ledger, known, ledgerRoot, out, err);
            }
            String application = ledgerOptions.existingApplication(ledgerRoot, known);
            ledger = Ledger.openForReading(ledgerRoot, application, notes,
                    ledgerOptions.keyFile(root.getContext().getEnvironment()).forReading(ledgerRoot));
            return run(ledger, application, ledgerRoot, out, err);
        } catch (RuntimeException | java.io.IOException e) {
            String message = errors.report(e);
            if (isJson()) {
                out.println(io.releaseledger.json.Json.writePretty(java.util.Map.of("error", message)));
            }
            return ReleaseLedgerCli.FAILURE;
        } finally {
            LedgerText.closeQuietly(ledger);
            LedgerText.deleteQuietly(empty);
            out.flush();
            err.flush();
        }
    }
}
