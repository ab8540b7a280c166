package io.releaseledger.cli;

import java.io.PrintWriter;

/** Entry point of the runnable jar: {@code java -jar release-ledger-cli.jar <command> [options]}. */
public final class Main {
    private Main() {
    }

    public static void main(final String[] args) {
        if (CommandSelection.isTopLevelHelp(args) && UsageText.print(System.out)) {
            System.exit(0);
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exitCode = ReleaseLedgerCli.commandLine(new CliContext(System.in, System.getenv()), out, err, args)
                .execute(args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }
}
