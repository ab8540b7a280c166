package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a branch or an agent wrote is read by the controller only up to a limit. */
class BoundedTextTest {
    @Test
    void shouldReadTextUpToTheLimit() throws Exception {
        assertThat(BoundedText.read(stream("a".repeat(10)), 10)).hasSize(10);
        assertThat(BoundedText.read(stream("a".repeat(11)), 10)).isNull();
    }

    @Test
    void shouldRefuseADescriptorOverOneMebibyteNamingTheStepAndTheLimit() throws Exception {
        String small = "application: shop\n";
        assertThat(ControllerSetup.descriptorText("deployStage", "release-ledger.yaml", stream(small))).isEqualTo(small);
        assertThat(BoundedText.read(stream("#".repeat(BoundedText.DESCRIPTOR_LIMIT)), BoundedText.DESCRIPTOR_LIMIT))
                .hasSize(BoundedText.DESCRIPTOR_LIMIT);

        assertThat(BoundedText.DESCRIPTOR_LIMIT).isEqualTo(1024 * 1024);
        assertThat(BoundedText.read(stream("#".repeat(BoundedText.DESCRIPTOR_LIMIT + 1)), BoundedText.DESCRIPTOR_LIMIT))
                .isNull();
        // descriptorText throws an AbortException (a stand-in here) with this text:
        assertThat(ControllerSetup.descriptorTooLarge("deployStage", "release-ledger.yaml"))
                .isEqualTo("deployStage: the release descriptor release-ledger.yaml is larger than 1 MiB, the most the "
                        + "controller reads; keep it below that (it describes environments and checks, not data)");
    }

    @Test
    void shouldNotReadAnAgentResponseOverSixteenMebibytes() throws Exception {
        assertThat(BoundedText.RESPONSE_LIMIT).isEqualTo(16 * 1024 * 1024);
        AgentOutcome outcome = AgentOutcome.tooLarge(BoundedText.RESPONSE_LIMIT, List.of());

        assertThat(outcome.isOk()).isFalse();
        assertThat(outcome.failureMessage("semverTag")).isEqualTo("semverTag: the answer of the Release Ledger agent is "
                + "larger than 16 MiB, the most the controller reads; it was not read");
    }

    private static InputStream stream(final String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
