package io.releaseledger.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

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

    /** Every command by name, in the order of the usage help. */
    static final Map<String, Class<?>> COMMANDS = commands();

    private ReleaseLedgerCli() {
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("version", VersionCommand.class);
        commands.put("tag", TagCommand.class);
        commands.put("status", StatusCommand.class);
        commands.put("history", HistoryCommand.class);
        commands.put("metrics", MetricsCommand.class);
        commands.put("verify", VerifyCommand.class);
        commands.put("serve", ServeCommand.class);
        commands.put("deploy", DeployCliCommand.class);
        commands.put("promote", PromoteCliCommand.class);
        commands.put("rollback", RollbackCliCommand.class);
        commands.put("smoke-check", SmokeCheckCliCommand.class);
        commands.put("drift", DriftCliCommand.class);
        commands.put("mark-bad", MarkBadCliCommand.class);
        commands.put("clear-bad", MarkBadCliCommand.Clear.class);
        commands.put("unlock", UnlockCliCommand.class);
        commands.put("approve", ApproveCliCommand.class);
        commands.put("reject", ApproveCliCommand.Reject.class);
        commands.put("semver", SemverCommand.class);
        commands.put("key", KeyCommand.class);
        commands.put("agent", AgentCommand.class);
        commands.put("help", HelpCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    /** The command line with every command. */
    static CommandLine commandLine(final CliContext context, final PrintWriter out, final PrintWriter err) {
        return commandLine(context, out, err, COMMANDS.keySet());
    }

    /** The command line with only the command {@code args} run (every command when they run none). */
    static CommandLine commandLine(final CliContext context, final PrintWriter out, final PrintWriter err,
            final String[] args) {
        Optional<String> selected = CommandSelection.of(args, COMMANDS.keySet());
        return commandLine(context, out, err, selected.filter(name -> !"help".equals(name)).map(Set::of)
                .orElse(COMMANDS.keySet()));
    }

    private static CommandLine commandLine(final CliContext context, final PrintWriter out, final PrintWriter err,
            final Set<String> names) {
        CommandLine commandLine = new CommandLine(new ReleaseLedgerCommand(context));
        COMMANDS.forEach((name, type) -> {
            if (names.contains(name)) {
                commandLine.addSubcommand(name, type);
            }
        });
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new UnexpectedErrorHandler());
        commandLine.setExecutionStrategy(new JvmErrorStrategy());
        return commandLine;
    }
}
