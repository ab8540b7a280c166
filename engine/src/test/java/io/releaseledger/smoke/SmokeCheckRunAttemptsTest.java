package io.releaseledger.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.health.CheckResult;
import io.releaseledger.health.CheckTarget;
import io.releaseledger.health.HealthCheck;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.HttpClients;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** How the runner runs attempts: http ones without a thread of their own, blocking kinds on a thread it abandons. */
class SmokeCheckRunAttemptsTest {
    @Test
    void shouldRunHttpAttemptsWithoutAThreadPerCheck() throws Exception {
        int checks = 12;
        CountDownLatch allArrived = new CountDownLatch(checks);
        CountDownLatch seen = new CountDownLatch(1);
        AtomicReference<Set<String>> threads = new AtomicReference<>();
        try (SmokeServer server = new SmokeServer((exchange, n) -> {
            allArrived.countDown();
            try {
                if (allArrived.await(30, TimeUnit.SECONDS) && n == checks) {
                    threads.set(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                            .collect(Collectors.toSet()));
                    seen.countDown();
                }
                seen.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            SmokeServer.answer(exchange, 200, "UP");
        })) {
            HttpClients clients = new HttpClients();
            List<SmokeCheck> list = new ArrayList<>();
            for (int i = 0; i < checks; i++) {
                list.add(new SmokeCheck(new HttpCheck("/check/" + i).setBodyContains("UP").shareClient(clients),
                        Duration.ofSeconds(30)));
            }

            SmokeReport report = new SmokeCheckRun(list, List.of(server.target())).setParallelism(checks).call();

            assertThat(report.isPassed()).as(report.toTable()).isTrue();
            // all 12 requests were at the server at once, and no runner thread was waiting on any of them
            assertThat(threads.get()).noneMatch(name -> name.startsWith("smoke-attempt")
                    || name.startsWith("smoke-check"));
            assertThat(clients.size()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void shouldStartEveryHttpCheckAtOnceByDefault() throws Exception {
        int checks = 40; // more than the former fixed default of 32
        CountDownLatch allArrived = new CountDownLatch(checks);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        try (SmokeServer server = new SmokeServer((exchange, n) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allArrived.countDown();
            try {
                allArrived.await(20, TimeUnit.SECONDS); // a guard only: with a smaller default it runs out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            SmokeServer.answer(exchange, 200, "UP");
        })) {
            HttpClients clients = new HttpClients();
            List<SmokeCheck> list = new ArrayList<>();
            for (int i = 0; i < checks; i++) {
                list.add(new SmokeCheck(new HttpCheck("/check/" + i).setBodyContains("UP").shareClient(clients),
                        Duration.ofSeconds(60)));
            }

            SmokeReport report = new SmokeCheckRun(list, List.of(server.target())).setDeadline(Duration.ofMinutes(2))
                    .call();

            assertThat(report.isPassed()).as(report.toTable()).isTrue();
            assertThat(mostInFlight.get()).as("requests at the server at once").isEqualTo(checks);
        }
    }

    @Test
    void shouldBoundTheDefaultParallelism() {
        assertThat(SmokeCheckRun.defaultParallelism(0)).isEqualTo(1);
        assertThat(SmokeCheckRun.defaultParallelism(200)).isEqualTo(200);
        assertThat(SmokeCheckRun.defaultParallelism(10_000)).isEqualTo(256);
    }

    @Test
    void shouldAbandonABlockingCheckThatHangsAndInterruptIt() {
        CountDownLatch interrupted = new CountDownLatch(1);
        HealthCheck hangs = new Blocking("hangs", attempt -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return CheckResult.passed("hangs", "test", "too late", 0);
        });

        SmokeReport report = new SmokeCheckRun(List.of(new SmokeCheck(hangs, Duration.ofMillis(200))),
                List.of()).call();

        assertThat(report.isPassed()).isFalse();
        assertThat(report.getResults().get(0).getDetail()).startsWith("no result within the timeout of 200 ms; "
                + "abandoned after");
        assertThat(await(interrupted)).as("the hung attempt's thread was interrupted").isTrue();
    }

    @Test
    void shouldRetryABlockingCheckAfterItsBackoff() {
        AtomicInteger calls = new AtomicInteger();
        HealthCheck third = new Blocking("third", attempt -> calls.incrementAndGet() < 3
                ? CheckResult.failed("third", "test", "not yet", 0) : CheckResult.passed("third", "test", "ok", 0));
        SmokeCheck check = new SmokeCheck(third, Duration.ofSeconds(5)).setRetries(4)
                .setBackoff(Duration.ofMillis(20));

        CheckResult result = new SmokeCheckRun(List.of(check), List.of()).call().getResults().get(0);

        assertThat(result.isPassed()).isTrue();
        assertThat(result.getAttempt()).isEqualTo(3);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void shouldReportABrokenCheckAndRunTheOthers() {
        HealthCheck broken = new Blocking("broken", attempt -> {
            throw new IllegalStateException("bug");
        });
        HealthCheck fine = new Blocking("fine", attempt -> CheckResult.passed("fine", "test", "ok", 0));

        SmokeReport report = new SmokeCheckRun(List.of(new SmokeCheck(broken, Duration.ofSeconds(5)),
                new SmokeCheck(fine, Duration.ofSeconds(5))), List.of()).setParallelism(1).call();

        assertThat(report.getResults().get(0).getDetail()).startsWith("the check broke: ")
                .contains("IllegalStateException: bug");
        assertThat(report.getResults().get(1).isPassed()).isTrue();
    }

    @Test
    void shouldStartEveryUnitOfALargeRunWithASmallParallelism() {
        List<SmokeCheck> list = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String name = "quick " + i;
            list.add(new SmokeCheck(new Blocking(name, attempt -> CheckResult.passed(name, "test", "ok", 0)),
                    Duration.ofSeconds(5)));
        }

        SmokeReport report = new SmokeCheckRun(list, List.of()).setParallelism(3).call();

        assertThat(report.isPassed()).as(report.toTable()).isTrue();
        assertThat(report.getResults()).hasSize(500);
    }

    private static boolean await(final CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A check that blocks its thread (as command, tcp and browser checks do). */
    private static final class Blocking implements HealthCheck {
        private final String name;
        private final java.util.function.Function<CheckTarget, CheckResult> body;

        Blocking(final String name, final java.util.function.Function<CheckTarget, CheckResult> body) {
            this.name = name;
            this.body = body;
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
            return body.apply(target);
        }

        @Override
        public boolean usesTarget() {
            return false;
        }
    }
}
