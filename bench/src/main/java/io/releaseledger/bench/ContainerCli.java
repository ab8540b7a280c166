package io.releaseledger.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} CLI side of {@link ContainerBench}: one process per operation, as a shell script or a
 * pipeline would run them, output read whole. A command that fails throws, naming the command and its output.
 */
final class ContainerCli {
    private static final long TIMEOUT_SECONDS = 120;

    private ContainerCli() {
    }

    /** {@code docker pull -q <image>}. */
    static void pull(String imageByDigest) {
        docker("pull", "-q", imageByDigest);
    }

    /**
     * {@code docker create --name … --network host --restart no --label …=… <image> <command…>}; returns the id.
     */
    static String create(String name, String imageByDigest, List<String> labels, List<String> command) {
        List<String> arguments = new ArrayList<>(List.of("create", "--name", name, "--network", "host",
                "--restart", "no"));
        for (String label : labels) {
            arguments.add("--label");
            arguments.add(label);
        }
        arguments.add(imageByDigest);
        arguments.addAll(command);
        return docker(arguments.toArray(String[]::new)).strip();
    }

    /** {@code docker start <id>}. */
    static void start(String container) {
        docker("start", container);
    }

    /** {@code docker stop -t <seconds> <id>}. */
    static void stop(String container, int seconds) {
        docker("stop", "-t", Integer.toString(seconds), container);
    }

    /** {@code docker rm -f -v <id>}: the same as the engine's remove (force, anonymous volumes). */
    static void remove(String container) {
        docker("rm", "-f", "-v", container);
    }

    /** Runs {@code docker} with these arguments; returns standard output and error. */
    static String docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(arguments));
        Result result = run(command);
        if (result.exitCode != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode + ": "
                    + result.output.strip());
        }
        return result.output;
    }

    /** Runs {@code docker} with these arguments; a failure is returned, not thrown (for clean-up). */
    static Result tryDocker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(arguments));
        return run(command);
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readAllBytes();
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
