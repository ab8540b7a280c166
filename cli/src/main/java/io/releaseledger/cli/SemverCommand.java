package io.releaseledger.cli;

import io.releaseledger.version.InvalidVersionException;
import io.releaseledger.version.SemanticVersion;
import io.releaseledger.version.VersionBump;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code release-ledger semver valid|compare|bump}: version checks for scripts, without a repository. The text is
 * a version as the specification writes it ({@code 1.4.0-rc.1+build.7}); a tag prefix such as {@code v} is not part
 * of it.
 */
@Command(name = "semver", description = "Check, compare and bump Semantic Versions (no repository needed).",
        subcommands = {SemverCommand.Valid.class, SemverCommand.Compare.class, SemverCommand.Bump.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (valid: the version is valid)", "1:valid: not a version; compare, bump: a version "
                + "that is not one", "2:usage error"})
final class SemverCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: valid, compare or bump");
    }

    /** What the three share: the help option, the streams, a bad version reported on one line. */
    abstract static class Part implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        abstract int run(PrintWriter out) throws InvalidVersionException;

        CommandSpec spec() {
            return spec;
        }

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                return run(out);
            } catch (InvalidVersionException e) {
                err.println("release-ledger semver " + spec.name() + ": " + e.getMessage());
                return ReleaseLedgerCli.FAILURE;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    @Command(name = "valid", description = {"Print the version if it is a Semantic Version (exit 0); else say why on",
        "stderr (exit 1)."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:valid", "1:not a version", "2:usage error"})
    static final class Valid extends Part {
        @Parameters(paramLabel = "VERSION", description = "The version, e.g. 1.4.0-rc.1")
        private String version;

        @Override
        int run(final PrintWriter out) {
            out.println(SemanticVersion.parse(version));
            return 0;
        }
    }

    @Command(name = "compare", description = {"Compare two versions by precedence (build metadata ignored): print -1,",
        "0 or 1 (with --symbol: <, = or >) for A against B."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:compared", "1:a version that is not one",
                "2:usage error"})
    static final class Compare extends Part {
        @Parameters(index = "0", paramLabel = "A")
        private String first;

        @Parameters(index = "1", paramLabel = "B")
        private String second;

        @Option(names = "--symbol", description = "Print <, = or > instead of -1, 0 or 1.")
        private boolean symbol;

        @Override
        int run(final PrintWriter out) {
            int order = Integer.signum(SemanticVersion.parse(first).compareTo(SemanticVersion.parse(second)));
            out.println(symbol ? (order < 0 ? "<" : order == 0 ? "=" : ">") : Integer.toString(order));
            return 0;
        }
    }

    @Command(name = "bump", description = {"Print the next version: major, minor or patch (a pre-release is finished",
        "by the bump it leads to: 2.0.0-rc.1 major is 2.0.0), or prerelease (1.4.0-rc.1 to 1.4.0-rc.2; a release",
        "starts one on the next patch: 1.4.0 to 1.4.1-rc.1). Build metadata is dropped."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:bumped", "1:a version that is not one",
                "2:usage error"})
    static final class Bump extends Part {
        @Parameters(index = "0", paramLabel = "PART", description = "major, minor, patch or prerelease")
        private String part;

        @Parameters(index = "1", paramLabel = "VERSION")
        private String version;

        @Option(names = "--preid", paramLabel = "ID", description = "The pre-release identifier for prerelease "
                + "(default: rc).")
        private String preId;

        @Override
        int run(final PrintWriter out) {
            VersionBump.Part which;
            try {
                which = VersionBump.Part.valueOf(part.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec().commandLine(), "unknown part '" + part
                        + "'; use major, minor, patch or prerelease");
            }
            out.println(VersionBump.apply(SemanticVersion.parse(version), which, preId));
            return 0;
        }
    }
}
