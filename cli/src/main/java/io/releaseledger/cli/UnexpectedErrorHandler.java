package io.releaseledger.cli;

import io.releaseledger.agent.SecretMask;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Last line of defence: an exception no command caught is still one line on stderr and exit code 1. */
final class UnexpectedErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(final Exception exception, final CommandLine commandLine,
            final ParseResult parseResult) {
        new ErrorReporter(commandLine.getCommandSpec(), commandLine.getErr(), debug(parseResult),
                new SecretMask(List.of())).report(exception);
        return ReleaseLedgerCli.FAILURE;
    }

    /** Whether --debug was given to the root or any subcommand. */
    static boolean debug(final ParseResult parseResult) {
        for (ParseResult command = parseResult; command != null; command = command.subcommand()) {
            if (command.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
