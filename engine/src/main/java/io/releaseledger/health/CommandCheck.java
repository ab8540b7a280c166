package io.releaseledger.health;

import io.releaseledger.process.ChildEnvironment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A program run with an argument list, never through a shell, read as a Nagios plugin: exit 0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN. The first line of its output is the status text; performance data after {@code |} is kept
 * in the result. A program still running at the timeout is killed with its children. WARNING fails unless
 * {@link #setWarningFails} is off, then it passes with a warning.
 *
 * <pre>{@code
 * new CommandCheck(List.of("/usr/lib/nagios/plugins/check_disk", "-w", "20%", "-p", "/"))
 *         .setTimeout(Duration.ofSeconds(10)).setWarningFails(false);
 * }</pre>
 */
public final class CommandCheck implements HealthCheck {
    static final String KIND = "command";
    private static final int MAX_OUTPUT = 64 * 1024;
    private static final String[] STATES = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

    private final List<String> command;
    private String name;
    private Duration timeout = Duration.ofSeconds(10);
    private boolean warningFails = true;
    private Path directory;

    /** @param command the program and its arguments; {@code {address}} and {@code {port}} are filled in */
    public CommandCheck(final List<String> command) {
        this.command = List.copyOf(command);
        if (this.command.isEmpty() || this.command.get(0).isBlank()) {
            throw new IllegalArgumentException("a command needs at least the program");
        }
        this.name = KIND + " " + Path.of(this.command.get(0)).getFileName();
    }

    public CommandCheck setName(final String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** How long the program may run before it is killed (default 10 s). */
    public CommandCheck setTimeout(final Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /** Whether exit code 1 (WARNING) fails (default {@code true}). */
    public CommandCheck setWarningFails(final boolean warningFails) {
        this.warningFails = warningFails;
        return this;
    }

    /** The working directory, default the process's. */
    public CommandCheck setDirectory(final Path directory) {
        this.directory = directory;
        return this;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getKind() {
        return KIND;
    }

    public List<String> getCommand() {
        return command;
    }

    @Override
    public boolean usesTarget() {
        return command.stream().anyMatch(Http::usesTarget);
    }

    @Override
    public CheckResult run(final CheckTarget target) {
        long start = System.nanoTime();
        List<String> arguments = new ArrayList<>();
        command.forEach(argument -> arguments.add(Placeholders.fill(argument, target)));
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectInput(ProcessBuilder.Redirect.PIPE);
        ChildEnvironment.restrict(builder.environment());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return failed(start, cannotStart(arguments.get(0), e), null);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                kill(process);
                return failed(start, arguments.get(0) + " still ran after " + Durations.format(timeout)
                        + "; killed", collect(out, err));
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return failed(start, arguments.get(0) + " interrupted; killed", null);
        } catch (IOException e) {
            // closing stdin of a program that exited at once is no failure
        }
        return judge(process.exitValue(), collect(out, err), Durations.millisSince(start));
    }

    private CheckResult judge(final int exit, final String output, final long millis) {
        NagiosOutput parsed = NagiosOutput.parse(output);
        String state = exit >= 0 && exit < STATES.length ? STATES[exit] : "exit code " + exit + ", not a Nagios state";
        String detail = state + (parsed.getText().isEmpty() ? "" : ": " + parsed.getText());
        String expected = warningFails ? "exit 0 (OK)" : "exit 0 (OK) or 1 (WARNING)";
        CheckResult result;
        if (exit == 0) {
            result = CheckResult.passed(name, KIND, detail, millis);
        } else if (exit == 1 && !warningFails) {
            result = CheckResult.passed(name, KIND, detail, millis).withWarning(true);
        } else {
            result = CheckResult.failed(name, KIND, detail, millis).withWarning(exit == 1)
                    .withExpected(expected).withActual("exit " + exit + ": " + output);
        }
        return result.withPerfData(parsed.getPerfData());
    }

    private CheckResult failed(final long start, final String detail, final String output) {
        CheckResult result = CheckResult.failed(name, KIND, detail, Durations.millisSince(start))
                .withExpected(warningFails ? "exit 0 (OK)" : "exit 0 (OK) or 1 (WARNING)");
        return output == null ? result.withActual(detail) : result.withActual(output.isBlank() ? detail : output);
    }

    private static String cannotStart(final String program, final IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("error=2,")) {
            return "cannot run " + program + ": no such program (no shell runs it, so give a path or a name on PATH)";
        }
        if (message.contains("error=13,")) {
            return "cannot run " + program + ": not executable (permission denied)";
        }
        return "cannot run " + program + ": " + message;
    }

    /** The program and everything it started: a plugin may leave children holding the pipes. */
    private static void kill(final Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads a stream on its own thread (so a chatty program never blocks), keeping at most 64 KiB. */
    private static CompletableFuture<String> drain(final InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (InputStream in = stream) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    kept.write(buffer, 0, Math.max(0, Math.min(n, MAX_OUTPUT - kept.size())));
                }
            } catch (IOException e) {
                // the process was killed: keep what came
            }
            text.complete(kept.toString(StandardCharsets.UTF_8));
        }, "command-check-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    /** Standard output, or standard error when the program wrote nothing else. */
    private static String collect(final CompletableFuture<String> out, final CompletableFuture<String> err) {
        String stdout = waitFor(out);
        return stdout.isBlank() ? waitFor(err) : stdout;
    }

    private static String waitFor(final CompletableFuture<String> text) {
        try {
            return text.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public String toString() {
        return name + " " + command;
    }
}
