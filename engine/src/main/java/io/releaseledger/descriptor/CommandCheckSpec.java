package io.releaseledger.descriptor;

import java.util.List;

/**
 * A program run with an argument list (never through a shell), read with Nagios plugin semantics: exit 0 OK,
 * 1 WARNING, 2 CRITICAL, 3 UNKNOWN; performance data after {@code |} is kept.
 */
public final class CommandCheckSpec implements HealthCheckSpec {
    private final List<String> command;
    private final CheckOptions options;
    private final boolean warningFails;

    CommandCheckSpec(final List<String> command, final CheckOptions options, final boolean warningFails) {
        this.command = List.copyOf(command);
        this.options = options;
        this.warningFails = warningFails;
    }

    @Override
    public Type getType() {
        return Type.COMMAND;
    }

    @Override
    public CheckOptions getOptions() {
        return options;
    }

    /** The program and its arguments; may use {@code {address}}, {@code {port}}, {@code {environment}}. */
    public List<String> getCommand() {
        return command;
    }

    /** Whether exit code 1 (WARNING) fails the check; otherwise it passes with a warning. */
    public boolean isWarningFails() {
        return warningFails;
    }
}
