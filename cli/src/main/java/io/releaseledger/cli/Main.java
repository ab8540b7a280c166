package io.releaseledger.cli;

import io.releaseledger.git.JGitRepository;
import io.releaseledger.report.PhaseTimings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Entry point of the runnable jar: {@code java -jar release-ledger-cli.jar <command> [options]}. */
public final class Main {
    private static final Set<String> REPOSITORY_COMMANDS = Set.of("version", "tag");
    private static final Set<String> AGENT_COMMAND = Set.of("agent");

    private Main() {
    }

    public static void main(final String[] args) {
        long start = timingsRequested() ? startTimings() : 0;
        if (CommandSelection.isTopLevelHelp(args) && UsageText.print(System.out)) {
            System.exit(0);
        }
        // version, tag and the agent's semverTag open a repository first thing: JGit's runs of C git for the system
        // configuration and its reading of the repository overlap with building the command.
        repositoryToPrepare(args).ifPresent(JGitRepository::prepareInBackground);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exitCode = ReleaseLedgerCli.commandLine(new CliContext(System.in, System.getenv()), out, err, args)
                .execute(args);
        out.flush();
        PhaseTimings.end("main: whole command", start);
        printTimings(err);
        err.flush();
        System.exit(exitCode);
    }

    /** {@code -C} of version and tag; the workspace of the plugin's semverTag request, named in its request file. */
    static Optional<Path> repositoryToPrepare(final String[] args) {
        if (CommandSelection.of(args, REPOSITORY_COMMANDS).isPresent()) {
            return Optional.of(CommandSelection.repositoryDirectory(args));
        }
        if (CommandSelection.of(args, AGENT_COMMAND).isPresent()) {
            return AgentPreparation.workspace(args);
        }
        return Optional.empty();
    }

    // RELEASE_LEDGER_TIMINGS=1: where a run's time goes, on stderr (docs/performance.md); never in normal runs.
    private static boolean timingsRequested() {
        String value = System.getenv("RELEASE_LEDGER_TIMINGS");
        return value != null && !value.isEmpty() && !"0".equals(value);
    }

    // The launcher says when it started; the kernel's process start time (ProcessHandle) was off by most of a second.
    private static long startTimings() {
        PhaseTimings.enable();
        long now = System.nanoTime();
        String launched = System.getenv("RELEASE_LEDGER_LAUNCHED_AT");
        if (launched != null && launched.matches("\\d{10,}")) {
            Instant epoch = Instant.now();
            long sinceLaunch = (epoch.getEpochSecond() * 1_000_000 + epoch.getNano() / 1_000) - Long.parseLong(launched);
            PhaseTimings.end("launcher: script start to main", now - sinceLaunch * 1_000);
        }
        return now;
    }

    private static void printTimings(final PrintWriter err) {
        for (String span : PhaseTimings.spans()) {
            err.println("[timing] " + span);
        }
    }
}
