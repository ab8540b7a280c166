package io.releaseledger.registry;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI for test setup and as the oracle: what the engine under test must agree with. */
public final class DockerCli {
    private DockerCli() {
    }

    /** Runs {@code docker args…}; returns exit code and combined output. */
    public static Result run(final String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("docker-cli", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish in 2 minutes");
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** Runs {@code docker args…} and returns its output; a non-zero exit fails. */
    public static String check(final String... args) {
        Result result = run(args);
        if (result.exitCode != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " exited " + result.exitCode + ":\n"
                    + result.output);
        }
        return result.output;
    }

    /**
     * Tags {@code image} as {@code name:tag} and pushes it; returns the digest the engine recorded for
     * {@code name} ({@code docker inspect}'s RepoDigests), the oracle for resolving.
     */
    public static String push(final String image, final String name, final String tag) {
        check("tag", image, name + ":" + tag);
        check("push", name + ":" + tag);
        String digests = check("image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}",
                name + ":" + tag);
        for (String line : digests.split("\n")) {
            if (line.startsWith(name + "@")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new IllegalStateException("no repo digest for " + name + " in:\n" + digests);
    }

    /** The outcome of one command. */
    public static final class Result {
        public final int exitCode;
        public final String output;

        Result(final int exitCode, final String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
