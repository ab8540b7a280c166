package io.releaseledger.descriptor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("name", "hosts", "instances", "strategy", "healthGate");

    @Test
    void shouldSuggestTheClosestKey() {
        assertThat(Suggestions.didYouMean("hostz", KEYS)).isEqualTo("; did you mean 'hosts'?");
        assertThat(Suggestions.didYouMean("healthgate", KEYS)).isEqualTo("; did you mean 'healthGate'?");
        assertThat(Suggestions.didYouMean("instnaces", KEYS)).isEqualTo("; did you mean 'instances'?");
    }

    @Test
    void shouldSuggestWhatOtherToolsCallDifferently() {
        assertThat(Suggestions.didYouMean("replicas", KEYS)).isEqualTo("; did you mean 'instances'?");
        assertThat(Suggestions.didYouMean("healthcheck", KEYS)).isEqualTo("; did you mean 'healthGate'?");
    }

    @Test
    void shouldSuggestNothingForUnrelatedWords() {
        assertThat(Suggestions.didYouMean("colour", KEYS)).isEmpty();
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
