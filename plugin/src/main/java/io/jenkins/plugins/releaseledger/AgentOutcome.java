package io.jenkins.plugins.releaseledger;

import io.releaseledger.agent.AgentResponse;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.report.Message;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What one run of the agent came to: its response, or why there is none. Every text passes a {@link SecretMask}
 * before it is printed or thrown: the agent never writes secrets, this is the second line of defence.
 */
final class AgentOutcome {
    private final Map<String, Object> result;
    private final String error;
    private final List<Message> messages;
    private final SecretMask mask;

    private AgentOutcome(final Map<String, Object> result, final String error, final List<Message> messages,
            final SecretMask mask) {
        this.result = result;
        this.error = error;
        this.messages = messages;
        this.mask = mask;
    }

    /**
     * @param answer   what the agent wrote as its response; {@code null} when it wrote none
     * @param exitCode its exit code: 0 with {@code ok}, 1 otherwise
     * @param secrets  values to mask in whatever is printed
     */
    static AgentOutcome of(final String answer, final int exitCode, final Collection<String> secrets) {
        SecretMask mask = new SecretMask(secrets);
        String text = answer == null ? "" : answer.strip();
        if (text.isEmpty()) {
            return new AgentOutcome(null, "the Release Ledger agent gave no answer (exit code " + exitCode + "); "
                    + "see its output above. The agent needs Java 17 or newer: in JAVA_HOME, on the PATH, or the "
                    + "Jenkins agent's own Java (docs/jenkins-agents.md)", List.of(), mask);
        }
        AgentResponse response;
        try {
            response = AgentResponse.fromJson(text);
        } catch (RuntimeException e) {
            return new AgentOutcome(null, "the answer of the Release Ledger agent could not be read (exit code " + exitCode
                    + "): " + e.getMessage(), List.of(), mask);
        }
        if (response.isOk() && exitCode != 0) {
            return new AgentOutcome(null, "the Release Ledger agent reported success but exited with code " + exitCode,
                    response.getMessages(), mask);
        }
        return new AgentOutcome(response.getResult(), response.getError(), response.getMessages(), mask);
    }

    /** The agent's response is larger than the controller reads. */
    static AgentOutcome tooLarge(final int limit, final Collection<String> secrets) {
        return new AgentOutcome(null, "the answer of the Release Ledger agent is larger than "
                + BoundedText.describe(limit) + ", the most the controller reads; it was not read", List.of(),
                new SecretMask(secrets));
    }

    boolean isOk() {
        return error == null;
    }

    /** The result object of the response; {@code null} unless {@link #isOk()}. */
    Map<String, Object> getResult() {
        return result;
    }

    /** Replaces the secrets of this run in a text (for what the controller records from the result). */
    String mask(final String text) {
        return mask.mask(text);
    }

    /** The error, masked; {@code null} when {@link #isOk()}. */
    String getError() {
        return mask.mask(error);
    }

    /** The text of the {@code AbortException} that fails the step. */
    String failureMessage(final String stepName) {
        return stepName + ": " + getError();
    }

    /** Prints the agent's messages to the build log; warnings and errors are marked as such. */
    void report(final PrintStream log) {
        for (Message message : messages) {
            String text = mask.mask(message.getText());
            switch (message.getLevel()) {
                case ERROR -> log.println("ERROR: " + text);
                case WARNING -> log.println("WARNING: " + text);
                default -> log.println(text);
            }
        }
    }
}
