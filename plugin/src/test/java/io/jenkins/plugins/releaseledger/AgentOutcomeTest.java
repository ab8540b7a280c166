package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.agent.AgentResponse;
import io.releaseledger.report.Message;
import io.releaseledger.report.Message.Level;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentOutcomeTest {
    private static final String SECRET = "hunter2-very-secret";

    @Test
    void shouldReturnTheResultOfASuccessfulRun() {
        String json = AgentResponse.success(Map.of("version", "1.4.0", "tag", "v1.4.0"),
                List.of(new Message(Level.INFO, "tagged v1.4.0"))).toJson();

        AgentOutcome outcome = AgentOutcome.of(json + "\n", 0, List.of());

        assertThat(outcome.isOk()).isTrue();
        assertThat(outcome.getError()).isNull();
        assertThat(outcome.getResult()).containsEntry("version", "1.4.0").containsEntry("tag", "v1.4.0");
        assertThat(print(outcome)).isEqualTo("tagged v1.4.0\n");
    }

    @Test
    void shouldReportTheErrorOfAFailedRunWithTheStepName() {
        String json = AgentResponse.failure("the workspace is not a git repository",
                List.of(new Message(Level.WARNING, "careful"), new Message(Level.ERROR, "no repository"))).toJson();

        AgentOutcome outcome = AgentOutcome.of(json, 1, List.of());

        assertThat(outcome.isOk()).isFalse();
        assertThat(outcome.getResult()).isNull();
        assertThat(outcome.failureMessage("semverTag")).isEqualTo("semverTag: the workspace is not a git repository");
        assertThat(print(outcome)).isEqualTo("WARNING: careful\nERROR: no repository\n");
    }

    @Test
    void shouldExplainAnAgentThatDidNotAnswer() {
        AgentOutcome outcome = AgentOutcome.of("  \n", 1, List.of());

        assertThat(outcome.isOk()).isFalse();
        assertThat(outcome.getError()).contains("gave no answer (exit code 1)").contains("Java 17 or newer");
    }

    @Test
    void shouldExplainAnAnswerThatIsNotAResponse() {
        AgentOutcome outcome = AgentOutcome.of("Error: Unable to access jarfile", 1, List.of());

        assertThat(outcome.isOk()).isFalse();
        assertThat(outcome.getError()).startsWith("the answer of the Release Ledger agent could not be read (exit code 1)");
    }

    @Test
    void shouldNotTrustSuccessWithAFailingExitCode() {
        String json = AgentResponse.success(Map.of("version", "1.0.0"), List.of()).toJson();

        assertThat(AgentOutcome.of(json, 3, List.of()).isOk()).isFalse();
    }

    @Test
    void shouldMaskSecretsInEverythingItPrints() {
        String json = AgentResponse.failure("push refused for " + SECRET,
                List.of(new Message(Level.ERROR, "remote said " + SECRET))).toJson();

        AgentOutcome outcome = AgentOutcome.of(json, 1, List.of(SECRET));

        assertThat(outcome.failureMessage("semverTag")).doesNotContain(SECRET).contains("****");
        assertThat(print(outcome)).doesNotContain(SECRET).contains("****");
    }

    private static String print(final AgentOutcome outcome) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            outcome.report(log);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
