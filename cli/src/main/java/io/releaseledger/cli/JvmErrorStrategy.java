package io.releaseledger.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * Runs the command like picocli's {@link CommandLine.RunLast}, and turns an {@link Error} (out of memory, a stack
 * overflow on deeply nested input) into one line naming the command and exit code 1 instead of a raw trace; the
 * trace only with --debug. Picocli's exception handler sees {@link Exception}s only.
 */
final class JvmErrorStrategy implements IExecutionStrategy {
    @Override
    public int execute(final ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (VirtualMachineError | LinkageError e) {
            ParseResult command = parseResult;
            while (command.hasSubcommand()) {
                command = command.subcommand();
            }
            PrintWriter err = command.commandSpec().commandLine().getErr();
            err.println(command.commandSpec().qualifiedName() + ": " + message(e));
            if (UnexpectedErrorHandler.debug(parseResult)) {
                e.printStackTrace(err);
            }
            err.flush();
            return ReleaseLedgerCli.FAILURE;
        }
    }

    /** Said without the error's own message, which may quote the input. */
    static String message(final Error error) {
        if (error instanceof OutOfMemoryError) {
            return "the Java VM ran out of memory (OutOfMemoryError); nothing more was done. Check the size of the"
                    + " input files, or give the VM more memory (JAVA_OPTS=-Xmx…)";
        }
        if (error instanceof StackOverflowError) {
            return "the input is nested too deeply to process (StackOverflowError); nothing more was done. Check the"
                    + " input files for runaway nesting";
        }
        return "the Java VM failed with " + error.getClass().getName() + "; nothing more was done (a bug or a broken"
                + " installation; run with --debug for the stack trace and report it)";
    }
}
