package io.releaseledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountedTest {
    @Test
    void shouldPutTheNounInTheNumberOfTheCount() {
        assertThat(Counted.of(1, "event")).isEqualTo("1 event");
        assertThat(Counted.of(0, "event")).isEqualTo("0 events");
        assertThat(Counted.of(2, "batch")).isEqualTo("2 batches");
        assertThat(Counted.of(3, "server")).isEqualTo("3 servers");
    }
}
