package io.releaseledger.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the command line with its error handling; {@link Main} and the tests use the same instance. */
final class ReleaseLedgerCli {
    /** Exit code of a command that failed: bad input, a git or remote error. */
    static final int FAILURE = 1;
    /** Exit code of a command line that cannot be understood. */
    static final int USAGE = 2;
    /** Exit code of {@code verify} when the ledger's hash chain is damaged. */
    static final int DAMAGED = 3;
    /** Exit code of {@code drift} when it cannot tell: a host, load balancer or registry not read, or an error. */
    static final int UNKNOWN = 4;

    private ReleaseLedgerCli() {
    }

    static CommandLine commandLine(final CliContext context, final PrintWriter out, final PrintWriter err) {
        CommandLine commandLine = new CommandLine(new ReleaseLedgerCommand(context));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new UnexpectedErrorHandler());
        commandLine.setExecutionStrategy(new JvmErrorStrategy());
        return commandLine;
    }
}
