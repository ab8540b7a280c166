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
        boolean debug = parseResult.hasMatchedOption("--debug")
                || parseResult.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("--debug"));
        new ErrorReporter(commandLine.getCommandSpec(), commandLine.getErr(), debug, new SecretMask(List.of()))
                .report(exception);
        return ReleaseLedgerCli.FAILURE;
    }
}
