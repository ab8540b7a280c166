package io.releaseledger.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command line in-process, exactly as {@link Main} wires it, with a given stdin and environment. */
final class Cli {
    private final Map<String, String> environment;
    private final String stdin;

    /** Where {@code tag} records into when a test names no ledger: never the user's ~/.release-ledger. */
    private static final Path TEST_LEDGER_HOME = testLedgerHome();
    /** Where the ledger key file is when a test names none: never the user's ~/.config, never inside a ledger root. */
    static final Path TEST_CONFIG_HOME = temporaryDirectory("release-ledger-test-config");

    private Cli(final Map<String, String> environment, final String stdin) {
        Map<String, String> withHome = new HashMap<>(environment);
        withHome.putIfAbsent("RELEASE_LEDGER_HOME", TEST_LEDGER_HOME.toString());
        withHome.putIfAbsent("XDG_CONFIG_HOME", TEST_CONFIG_HOME.toString());
        this.environment = withHome;
        this.stdin = stdin;
    }

    private static Path testLedgerHome() {
        return temporaryDirectory("release-ledger-test-home");
    }

    private static Path temporaryDirectory(final String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ledger keys the commands of a test use by default, for a test that writes a ledger through the engine too. */
    static io.releaseledger.ledger.LedgerKeys keys(final Path ledgerRoot) {
        return LedgerKeyFile.locate(null, Map.of("XDG_CONFIG_HOME", TEST_CONFIG_HOME.toString())).forWriting(ledgerRoot);
    }

    static Cli withEnvironment(final Map<String, String> environment) {
        return new Cli(environment, "");
    }

    static Cli plain() {
        return withEnvironment(Map.of());
    }

    Cli stdin(final String text) {
        return new Cli(environment, text);
    }

    /** Runs {@code args} on the ledger at {@code ledgerRoot} ({@code --ledger} added last). */
    Result runOnLedger(final Path ledgerRoot, final String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--ledger";
        all[args.length + 1] = ledgerRoot.toString();
        return run(all);
    }

    Result run(final String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), environment);
        int exitCode = ReleaseLedgerCli.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true),
                args).execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Exit code and both streams of one run. */
    static final class Result {
        final int exitCode;
        final String out;
        final String err;

        Result(final int exitCode, final String out, final String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
