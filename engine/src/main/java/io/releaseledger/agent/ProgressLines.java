package io.releaseledger.agent;

import io.releaseledger.report.Message;
import io.releaseledger.report.Messages;

import java.util.function.Consumer;

/** An operation's progress as the lines the agent writes while it runs: masked, errors and warnings marked. */
final class ProgressLines {
    private ProgressLines() {
    }

    /** Messages that write each message to {@code live} as one masked line as soon as it is added. */
    static Messages to(final Consumer<String> live, final SecretMask mask) {
        return new Messages(message -> live.accept(line(message, mask)));
    }

    private static String line(final Message message, final SecretMask mask) {
        String text = mask.mask(message.getText());
        return switch (message.getLevel()) {
            case ERROR -> "ERROR: " + text;
            case WARNING -> "WARNING: " + text;
            default -> text;
        };
    }
}
