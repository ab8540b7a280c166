package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.smoke.SmokeServer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Which thread an http check's answer is handled on (issue 11): one of the few the checks' clients share, as soon as
 * the body is read, never a thread started for the exchange (the JDK client's own pool, or the hand-off of the
 * future {@code sendAsync} returns, which starts a thread per exchange on two cores or fewer).
 */
class HttpCheckThreadsTest {
    @Test
    void shouldJudgeTheAnswerOnTheSharedClientThreads() throws Exception {
        CountDownLatch listening = new CountDownLatch(1);
        try (SmokeServer server = new SmokeServer((exchange, n) -> {
            await(listening); // the test is listening before the answer can come
            SmokeServer.answer(exchange, 200, "UP");
        })) {
            HttpCheck check = new HttpCheck("/health").setBodyContains("UP").setTimeout(Duration.ofSeconds(30))
                    .shareClient(new HttpClients());

            CompletableFuture<CheckResult> result = check.runAsync(server.target());
            CompletableFuture<String> judgedOn = result.thenApply(done -> Thread.currentThread().getName());
            listening.countDown();

            // waiting on the result itself could run the dependent stage on this thread (CompletableFuture helps)
            assertThat(judgedOn.get(30, TimeUnit.SECONDS)).startsWith("release-ledger-http-");
            assertThat(result.join().isPassed()).as(result.join().toString()).isTrue();
        }
    }

    @Test
    void shouldFollowARedirectOnTheSharedClientThreads() throws Exception {
        CountDownLatch listening = new CountDownLatch(1);
        try (SmokeServer server = new SmokeServer((exchange, n) -> {
            await(listening);
            if (exchange.getRequestURI().getPath().equals("/old")) {
                exchange.getResponseHeaders().set("Location", "/health");
                SmokeServer.answer(exchange, 302, "");
            } else {
                SmokeServer.answer(exchange, 200, "UP at " + exchange.getRequestURI().getPath());
            }
        })) {
            HttpCheck check = new HttpCheck("/old").setBodyContains("UP at /health")
                    .setTimeout(Duration.ofSeconds(30));

            CompletableFuture<CheckResult> result = check.runAsync(server.target());
            CompletableFuture<String> judgedOn = result.thenApply(done -> Thread.currentThread().getName());
            listening.countDown();

            // waiting on the result itself could run the dependent stage on this thread (CompletableFuture helps)
            assertThat(judgedOn.get(30, TimeUnit.SECONDS)).startsWith("release-ledger-http-");
            assertThat(result.join().isPassed()).as(result.join().toString()).isTrue();
            assertThat(server.requests()).isEqualTo(2);
        }
    }

    /**
     * The JDK's own hand-off is cancelled before it runs. It starts a thread per exchange only where the common pool
     * has a single thread (two cores or fewer, as on the machine this was written on); with more cores it queues on
     * the common pool and this test cannot tell the difference.
     */
    @Test
    void shouldStartNoThreadPerExchangeAndKeepTheConnection() throws Exception {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        try (SmokeServer server = new SmokeServer((exchange, n) -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            SmokeServer.answer(exchange, 200, "UP");
        })) {
            HttpCheck check = new HttpCheck("/health").setBodyContains("UP").setTimeout(Duration.ofSeconds(30))
                    .shareClient(new HttpClients(1));
            assertThat(check.run(server.target()).isPassed()).isTrue(); // the pools' first threads start here
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long before = threads.getTotalStartedThreadCount();

            for (int i = 0; i < 20; i++) {
                CheckResult result = check.run(server.target());
                assertThat(result.isPassed()).as(result.toString()).isTrue();
            }

            // without the cancel: 20 or more (one per exchange); a few may be the test server's or the JVM's own
            assertThat(threads.getTotalStartedThreadCount() - before).isLessThan(10);
            // cancelled without interrupting: the exchange ended normally, its connection was used again
            assertThat(clientPorts).hasSize(1);
        }
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
