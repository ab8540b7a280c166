package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Secret files are read up to a limit, and errors of the JVM itself still end in one line naming the command. */
class BoundedInputTest {
    private static final String NEWLINE = System.lineSeparator();

    @TempDir
    Path directory;

    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // before the limit: OutOfMemoryError after 43 s
    void shouldRefuseAPasswordFileThatNeverEnds() {
        Cli.Result result = Cli.plain().run("tag", "-C", directory.toString(), "--username", "ci",
                "--password-file", "/dev/zero");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.err).isEqualTo("release-ledger tag: --password-file /dev/zero is larger than 64 KiB; a"
                + " password file holds one password (at most 64 KiB): check the path" + NEWLINE);
        assertThat(result.out).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseAHugeTokenFileAndRegistryPasswordFile() throws IOException {
        Path huge = directory.resolve("disk.img");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(4L << 30); // sparse: 4 GiB of zeros that take no disk
        }

        Cli.Result tag = Cli.plain().run("tag", "-C", directory.toString(), "--token-file", huge.toString());
        Cli.Result deploy = Cli.plain().run("deploy", "--environment", "staging", "--version", "1.0.0",
                "--registry-username", "ci", "--registry-password-file", huge.toString());

        assertThat(tag.exitCode).as(tag.toString()).isEqualTo(1);
        assertThat(tag.err).isEqualTo("release-ledger tag: --token-file " + huge + " is larger than 64 KiB; a token"
                + " file holds one token (at most 64 KiB): check the path" + NEWLINE);
        assertThat(deploy.exitCode).as(deploy.toString()).isEqualTo(1);
        assertThat(deploy.err).startsWith("release-ledger deploy: --registry-password-file " + huge
                + " is larger than 64 KiB");
    }

    @Test
    void shouldReadASecretFileOfExactlyTheLimit() throws IOException {
        Path limit = Files.writeString(directory.resolve("token"), "t".repeat(64 * 1024));

        assertThat(SecretFiles.read(limit, "token", "--token-file")).hasSize(64 * 1024);
    }

    @Test
    void shouldSayInOneLineThatTheVmRanOutOfMemory() {
        Run run = run(() -> {
            throw new OutOfMemoryError("Java heap space");
        });

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).isEqualTo("failing: the Java VM ran out of memory (OutOfMemoryError); nothing more was"
                + " done. Check the size of the input files, or give the VM more memory (JAVA_OPTS=-Xmx…)" + NEWLINE);
    }

    @Test
    void shouldSayInOneLineThatTheInputIsNestedTooDeeply() {
        Run run = run(() -> recurse(0));

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).startsWith("failing: the input is nested too deeply to process (StackOverflowError)")
                .doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void shouldKeepTheOrdinaryErrorHandlingOfTheRealCommandLine() {
        Cli.Result result = Cli.plain().run("tag", "-C", directory.resolve("missing").toString(),
                "--token-file", directory.resolve("missing-token").toString());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).startsWith("release-ledger tag: cannot read the token file").hasLineCount(1);
        assertThat(ReleaseLedgerCli.commandLine(new CliContext(InputStream.nullInputStream(), Map.of()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).getExecutionStrategy())
                .as("the command line Main runs").isInstanceOf(JvmErrorStrategy.class);
    }

    private static int recurse(final int depth) {
        return recurse(depth + 1) + 1;
    }

    private static Run run(final Callable<Integer> body) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Failing(body));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler(new UnexpectedErrorHandler());
        commandLine.setExecutionStrategy(new JvmErrorStrategy());
        return new Run(commandLine.execute(), err.toString());
    }

    @Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        private final Callable<Integer> body;

        Failing(final Callable<Integer> body) {
            this.body = body;
        }

        @Override
        public Integer call() throws Exception {
            return body.call();
        }
    }

    private static final class Run {
        final int exitCode;
        final String err;

        Run(final int exitCode, final String err) {
            this.exitCode = exitCode;
            this.err = err;
        }
    }
}
