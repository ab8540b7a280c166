package io.releaseledger.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command: options every command shares, and the list of commands. */
@Command(name = "release-ledger", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        subcommands = {VersionCommand.class, TagCommand.class, StatusCommand.class, HistoryCommand.class,
            VerifyCommand.class, ServeCommand.class, DeployCliCommand.class, PromoteCliCommand.class,
            RollbackCliCommand.class, SmokeCheckCliCommand.class, MarkBadCliCommand.class, MarkBadCliCommand.Clear.class, UnlockCliCommand.class,
            ApproveCliCommand.class, ApproveCliCommand.Reject.class, AgentCommand.class,
            HelpCommand.class},
        description = {"Versions and tags from git history, deploys, promotions and rollbacks, and the release ledger:",
            "what runs where, its history, and the Releases page; the command line of Release Ledger."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure: bad input, git or remote error, no such ledger, a deploy that failed",
            "2:usage error",
            "3:verify: the ledger is damaged"},
        footer = {"", "See docs/cli.md for every option, environment variable and example."})
final class ReleaseLedgerCommand implements Runnable {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-C", "--repository"}, paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Run in DIR (a git working tree or a directory inside one) instead of the current directory.")
    private Path repository = Path.of(".");

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error (secrets masked).")
    private boolean debug;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only warnings and errors on stderr, not the informational messages.")
    private boolean quiet;

    ReleaseLedgerCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: version, tag, status, history, verify, serve, deploy,"
                + " promote, rollback, smoke-check, mark-bad, clear-bad or help");
    }

    CliContext getContext() {
        return context;
    }

    Path getRepository() {
        return repository.toAbsolutePath().normalize();
    }

    boolean isDebug() {
        return debug;
    }

    boolean isQuiet() {
        return quiet;
    }
}
