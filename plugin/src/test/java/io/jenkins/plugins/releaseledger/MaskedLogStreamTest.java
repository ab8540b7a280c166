package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.agent.SecretMask;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's stdout and stderr reach the build log through this stream: no secret may pass. */
class MaskedLogStreamTest {
    private static final String SECRET = "hunter2-very-secret";

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final MaskedLogStream stream = new MaskedLogStream(new PrintStream(log, true, StandardCharsets.UTF_8),
            new SecretMask(List.of(SECRET)));

    @Test
    void shouldMaskASecretWrittenInPieces() {
        write("Exception in thread \"main\": login failed for hun");
        write("ter2-very-sec");
        write("ret at registry\nnext line\n");

        assertThat(printed()).doesNotContain(SECRET).contains("login failed for ****").contains("next line\n");
    }

    @Test
    void shouldPrintAPartialLastLineMaskedAtClose() {
        write("stack trace ends with " + SECRET);
        assertThat(printed()).isEmpty();

        stream.close();

        assertThat(printed()).isEqualTo("stack trace ends with ****");
    }

    @Test
    void shouldPrintAVeryLongLineInPartsWithoutHoldingItAll() {
        write("x".repeat(MaskedLogStream.MAX_LINE + 10));

        assertThat(printed()).hasSize(MaskedLogStream.MAX_LINE);
    }

    private void write(final String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        stream.write(bytes, 0, bytes.length);
    }

    private String printed() {
        return log.toString(StandardCharsets.UTF_8);
    }
}
