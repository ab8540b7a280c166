package io.releaseledger.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/** What the process gives the commands besides arguments; tests pass their own stdin and environment. */
final class CliContext {
    private final InputStream stdin;
    private final Map<String, String> environment;

    CliContext(final InputStream stdin, final Map<String, String> environment) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.environment = Map.copyOf(environment);
    }

    InputStream getStdin() {
        return stdin;
    }

    Map<String, String> getEnvironment() {
        return environment;
    }
}
