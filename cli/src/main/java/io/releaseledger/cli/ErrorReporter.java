package io.releaseledger.cli;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.SecretMask;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Prints an error as {@code release-ledger <command>: <message>}; the stack trace only with --debug. */
final class ErrorReporter {
    private final CommandSpec spec;
    private final PrintWriter err;
    private final boolean debug;
    private final SecretMask mask;

    ErrorReporter(final CommandSpec spec, final PrintWriter err, final boolean debug, final SecretMask mask) {
        this.spec = spec;
        this.err = err;
        this.debug = debug;
        this.mask = mask;
    }

    /** Prints the error and returns the (masked) message that was printed. */
    String report(final Throwable error) {
        String message = message(error);
        err.println(spec.qualifiedName() + ": " + message);
        printStackTraceIfDebug(error);
        return message;
    }

    /** The masked message of {@code error}, printed nowhere. */
    String message(final Throwable error) {
        return mask.mask(userMessage(error));
    }

    void printStackTraceIfDebug(final Throwable error) {
        if (debug) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            err.print(mask.mask(trace.toString()));
        }
        err.flush();
    }

    /** Engine errors are written for users; anything else is a bug, said as such. */
    static String userMessage(final Throwable error) {
        if (error instanceof ReleaseLedgerException && error.getMessage() != null) {
            return error.getMessage();
        }
        return "unexpected error " + error.getClass().getName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage())
                + " (a bug; run with --debug for the stack trace and report it)";
    }
}
