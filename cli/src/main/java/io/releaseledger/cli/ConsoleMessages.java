package io.releaseledger.cli;

import io.releaseledger.agent.SecretMask;
import io.releaseledger.report.Message;
import java.io.PrintWriter;

/** Prints the engine's messages as they happen, on stderr, so that stdout holds only the result. */
final class ConsoleMessages {
    private final PrintWriter err;
    private final boolean quiet;
    private final SecretMask mask;

    ConsoleMessages(final PrintWriter err, final boolean quiet, final SecretMask mask) {
        this.err = err;
        this.quiet = quiet;
        this.mask = mask;
    }

    void print(final Message message) {
        switch (message.getLevel()) {
            case ERROR -> err.println("error: " + mask.mask(message.getText()));
            case WARNING -> err.println("warning: " + mask.mask(message.getText()));
            default -> {
                if (!quiet) {
                    err.println(mask.mask(message.getText()));
                }
            }
        }
        err.flush();
    }
}
