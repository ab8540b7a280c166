package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.report.Messages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines a deploy or smoke operation writes while it runs. */
class ProgressLinesTest {
    @Test
    void shouldWriteEachMessageAsItComesMaskedAndMarkedByLevel() {
        List<String> lines = new ArrayList<>();
        Messages progress = ProgressLines.to(lines::add, new SecretMask(List.of("s3cret-token")));

        progress.info("pulling with %s", "s3cret-token");
        assertThat(lines).containsExactly("pulling with ****");
        progress.warning("slow stop");
        progress.error("health gate failed");

        assertThat(lines).containsExactly("pulling with ****", "WARNING: slow stop", "ERROR: health gate failed");
    }
}
