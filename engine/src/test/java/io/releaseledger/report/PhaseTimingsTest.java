package io.releaseledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhaseTimingsTest {
    @Test
    void shouldRecordNothingUntilEnabledAndThenEachSpanByName() {
        PhaseTimings.reset();
        try {
            PhaseTimings.end("before enabling", PhaseTimings.start());
            assertThat(PhaseTimings.spans()).isEmpty();
            assertThat(PhaseTimings.start()).isZero();

            PhaseTimings.enable();
            PhaseTimings.end("a phase", PhaseTimings.start());

            assertThat(PhaseTimings.spans()).singleElement().asString().startsWith("a phase").contains(" ms  [");
        } finally {
            PhaseTimings.reset(); // the flag is process-wide: other tests in this JVM run without it
        }
    }
}
