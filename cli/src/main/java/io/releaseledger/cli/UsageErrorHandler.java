package io.releaseledger.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Prints a usage error in one line plus a hint, exit code 2. Unknown arguments are named without the value
 * that follows them: someone who typed {@code --password hunter2} must not find the password in the log.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(final ParameterException exception, final String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String name = commandLine.getCommandSpec().qualifiedName();
        String message = exception instanceof UnmatchedArgumentException
                ? describe(((UnmatchedArgumentException) exception).getUnmatched())
                : exception.getMessage();
        err.println(name + ": " + message);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ReleaseLedgerCli.USAGE;
    }

    static String describe(final List<String> unmatched) {
        List<String> options = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        boolean afterOption = false;
        for (String token : unmatched) {
            if (token.startsWith("-")) {
                int equals = token.indexOf('=');
                options.add("'" + (equals < 0 ? token : token.substring(0, equals)) + "'");
                afterOption = true;
            } else if (!afterOption) {
                arguments.add("'" + token + "'");
            }
        }
        String message;
        if (!options.isEmpty()) {
            message = "unknown option " + String.join(", ", options);
            String named = String.join(" ", options).toLowerCase(Locale.ROOT);
            if (named.matches(".*registry.*(pass|token|secret).*")) {
                message += "; secrets are never taken from arguments (they show in ps and logs): set"
                        + " RELEASE_LEDGER_REGISTRY_PASSWORD or use --registry-password-file";
            } else if (named.matches(".*(pass|token|secret|key).*")) {
                message += "; secrets are never taken from arguments (they show in ps and logs): use the"
                        + " RELEASE_LEDGER_GIT_* environment variables or --password-file, --token-file, --ssh-key-file";
            }
        } else {
            message = "unexpected argument " + String.join(", ", arguments);
        }
        return message;
    }
}
