package io.releaseledger.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one retry policy both notifiers take. */
class AttemptsTest {
    private final AtomicInteger attempted = new AtomicInteger();

    private static long inAMinute() {
        return System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    }

    @Test
    void shouldKeepEachNotifiersDefaults() {
        Attempts mail = new MailNotifier(List.of(), message -> { }).getAttempts();
        Attempts webhook = new WebhookNotifier(List.of()).getAttempts();

        assertThat(mail.getMaxAttempts()).isEqualTo(3);
        assertThat(webhook.getMaxAttempts()).isEqualTo(4);
        assertThat(List.of(mail.getFirstBackoff(), webhook.getFirstBackoff())).containsOnly(Duration.ofMillis(500));
    }

    @Test
    void shouldChangeTheFirstWaitWithoutChangingTheOriginal() {
        Attempts three = Attempts.upTo(3);
        Attempts quick = three.withFirstBackoff(Duration.ofMillis(10));

        assertThat(quick.getMaxAttempts()).isEqualTo(3);
        assertThat(quick.getFirstBackoff()).isEqualTo(Duration.ofMillis(10));
        assertThat(three.getFirstBackoff()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldAlwaysTryAtLeastOnce() {
        Attempts none = Attempts.upTo(0);

        String problem = none.deliver(remaining -> Attempts.Problem.retry("HTTP 503"), inAMinute(), attempted,
                new Masker(List.of()));

        assertThat(none.getMaxAttempts()).isEqualTo(1);
        assertThat(problem).isEqualTo("HTTP 503 after 1 attempts");
        assertThat(attempted).hasValue(1);
    }

    @Test
    void shouldStopAtAProblemThatAskingAgainCannotMend() {
        String problem = Attempts.upTo(4).withFirstBackoff(Duration.ofMillis(1)).deliver(
                remaining -> Attempts.Problem.giveUp("HTTP 404"), inAMinute(), attempted, new Masker(List.of()));

        assertThat(problem).isEqualTo("HTTP 404");
        assertThat(attempted).hasValue(1);
    }

    @Test
    void shouldMaskWhatTheTransportSaysAndCountEveryAttempt() {
        String problem = Attempts.upTo(2).withFirstBackoff(Duration.ofMillis(1)).deliver(remaining -> {
            throw new IOException("refused for token hunter2");
        }, inAMinute(), attempted, new Masker(List.of("hunter2")));

        assertThat(problem).isEqualTo("IOException: refused for token **** after 2 attempts");
        assertThat(attempted).hasValue(2);
    }

    @Test
    void shouldReturnWithoutTryingOnceTheDeadlineHasPassed() {
        String problem = Attempts.upTo(3).deliver(remaining -> null, System.nanoTime() - 1, attempted,
                new Masker(List.of()));

        assertThat(problem).isEqualTo("not attempted; out of time after 0 attempts");
        assertThat(attempted).hasValue(0);
    }
}
