package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

class HealthGateTest {
    private static final CheckTarget TARGET = new CheckTarget("127.0.0.1", 8080, "c1", "sha256:abc");

    @Test
    void shouldPassAtOnceWhenEveryCheckPasses() {
        HealthGate gate = new HealthGate(List.of(new Scripted("a", "ok"), new Scripted("b", "ok")),
                Duration.ofSeconds(5), Duration.ofSeconds(1));

        GateResult result = gate.await(TARGET);

        assertThat(result.isPassed()).isTrue();
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.getResults()).extracting(CheckResult::getName).containsExactly("a", "b");
        assertThat(result.describe()).startsWith("all 2 checks passed after 1 attempt in ");
        assertThat(result.toJson()).hasSize(2);
    }

    @Test
    void shouldStopAtOnceOnAFatalFailure() {
        HealthGate gate = new HealthGate(List.of(new Scripted("a", "fail", "fail", "fatal"), new Scripted("b", "ok")),
                Duration.ofMinutes(1), Duration.ofMillis(10));

        GateResult result = gate.await(TARGET);

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getAttempts()).isEqualTo(3);
        assertThat(result.getWaited()).isLessThan(Duration.ofSeconds(5));
        assertThat(result.describe()).startsWith("a failed: fatal (stopped after 3 attempts in ");
    }

    @Test
    void shouldTurnAnExceptionIntoAFailure() {
        HealthCheck broken = new Scripted("broken") {
            @Override
            public CheckResult run(final CheckTarget target) {
                throw new IllegalStateException("boom");
            }
        };
        GateResult result = new HealthGate(List.of(broken), Duration.ZERO, Duration.ofMillis(10)).await(TARGET);

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getAttempts()).isEqualTo(1);
        assertThat(result.getResults()).singleElement()
                .satisfies(r -> assertThat(r.getDetail()).isEqualTo("boom"));
    }

    @Test
    void shouldRefuseAGateWithoutChecks() {
        assertThatThrownBy(() -> new HealthGate(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one check");
    }

    /** Answers with the scripted outcomes in turn, then repeats the last one. */
    private static class Scripted implements HealthCheck {
        private final String name;
        private final Deque<String> outcomes;

        Scripted(final String name, final String... outcomes) {
            this.name = name;
            this.outcomes = new ArrayDeque<>(List.of(outcomes));
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getKind() {
            return "test";
        }

        @Override
        public CheckResult run(final CheckTarget target) {
            String outcome = outcomes.size() > 1 ? outcomes.poll() : outcomes.peek();
            switch (outcome) {
                case "ok":
                    return CheckResult.passed(name, "test", outcome, 0);
                case "fatal":
                    return CheckResult.fatal(name, "test", outcome, 0);
                default:
                    return CheckResult.failed(name, "test", outcome, 0);
            }
        }
    }
}
