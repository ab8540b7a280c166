package io.releaseledger.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a time limit; output and error are captured together. */
final class Exec {
    private Exec() {
    }

    /** The result of one command. */
    static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }

    static Result run(Path directory, Duration timeout, List<String> command) {
        try {
            Path log = Files.createTempFile("release-ledger-exec", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                if (directory != null) {
                    builder.directory(directory.toFile());
                }
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                            + "; output so far:\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Runs the command and returns its output; a non-zero exit is an {@link IllegalStateException}. */
    static String check(Path directory, Duration timeout, List<String> command) {
        Result result = run(directory, timeout, command);
        if (result.exitCode != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode + ":\n"
                    + result.output);
        }
        return result.output;
    }
}
