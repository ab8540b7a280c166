package io.releaseledger.cli;

import io.releaseledger.git.JGitRepository;
import java.io.PrintWriter;
import java.util.Set;

/** Entry point of the runnable jar: {@code java -jar release-ledger-cli.jar <command> [options]}. */
public final class Main {
    private static final Set<String> REPOSITORY_COMMANDS = Set.of("version", "tag");

    private Main() {
    }

    public static void main(final String[] args) {
        if (CommandSelection.isTopLevelHelp(args) && UsageText.print(System.out)) {
            System.exit(0);
        }
        // version and tag open a repository first thing: JGit's runs of C git for the system configuration overlap
        // with building the command.
        if (CommandSelection.of(args, REPOSITORY_COMMANDS).isPresent()) {
            JGitRepository.findSystemConfigInBackground();
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
