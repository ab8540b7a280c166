package io.releaseledger.scm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs C git for tests, isolated from the user's and the system's configuration. */
public final class CGit {
    private CGit() {
    }

    public static String run(final Path dir, final String... args) {
        return run(dir, Map.of(), args);
    }

    public static String run(final Path dir, final Map<String, String> extraEnvironment, final String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        isolate(builder.environment());
        builder.environment().putAll(extraEnvironment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] err;
            String out;
            var errReader = new java.util.concurrent.CompletableFuture<byte[]>();
            Thread errThread = new Thread(() -> {
                try {
                    errReader.complete(process.getErrorStream().readAllBytes());
                } catch (IOException e) {
                    errReader.complete(new byte[0]);
                }
            });
            errThread.start();
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("git " + args[0] + " timed out");
            }
            err = errReader.join();
            if (process.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed ("
                        + process.exitValue() + "): " + new String(err, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Keeps C git away from the user's and system configuration, credential helpers and prompts. */
    public static void isolate(final Map<String, String> environment) {
        environment.put("GIT_CONFIG_NOSYSTEM", "1");
        environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
        environment.put("GIT_TERMINAL_PROMPT", "0");
        environment.put("GIT_AUTHOR_NAME", "Test");
        environment.put("GIT_AUTHOR_EMAIL", "test@example.invalid");
        environment.put("GIT_COMMITTER_NAME", "Test");
        environment.put("GIT_COMMITTER_EMAIL", "test@example.invalid");
        environment.put("LC_ALL", "C");
        environment.remove("GIT_DIR");
        environment.remove("GIT_WORK_TREE");
    }
}
