package io.releaseledger.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command line in-process, exactly as {@link Main} wires it, with a given stdin and environment. */
final class Cli {
    private final Map<String, String> environment;
    private final String stdin;

    private Cli(final Map<String, String> environment, final String stdin) {
        this.environment = environment;
        this.stdin = stdin;
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

    Result run(final String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), environment);
        int exitCode = ReleaseLedgerCli.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
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
