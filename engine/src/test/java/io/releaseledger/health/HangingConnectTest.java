package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks against a port whose TCP connect never completes ({@link HangingListener}): each ends at its timeout, says
 * that no connection came in time and where, and closes the socket it was connecting with. Plain http goes through
 * {@link PlainHttp}, https through the JDK client.
 */
class HangingConnectTest {
    private static final long PROOF_MILLIS = 300;

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void shouldSayNoConnectionCameWithinTheTimeoutOfAnHttpCheck(final String scheme) throws Exception {
        try (HangingListener listener = new HangingListener();
                SocketChannel proof = listener.startHangingConnect(PROOF_MILLIS)) {
            assertThat(proof.finishConnect()).as("a plain connect to the port has not finished after %d ms",
                    PROOF_MILLIS).isFalse();
            long start = System.nanoTime();

            CheckResult result = new HttpCheck(scheme + "://{address}:{port}/health")
                    .setTimeout(Duration.ofMillis(500)).run(listener.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).isEqualTo("GET " + scheme + "://127.0.0.1:" + listener.port()
                    + "/health: no connection within 500 ms");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(500L, 10_000L);
            assertThat(proof.finishConnect()).as("the port still does not connect").isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void shouldSayNoConnectionCameWithinTheTimeoutOfADeniesCheck(final String scheme) throws Exception {
        try (HangingListener listener = new HangingListener();
                SocketChannel proof = listener.startHangingConnect(PROOF_MILLIS)) {
            assertThat(proof.finishConnect()).isFalse();

            CheckResult result = new DeniesCheck(scheme + "://{address}:{port}/admin")
                    .setTimeout(Duration.ofMillis(500)).run(listener.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).isEqualTo("GET " + scheme + "://127.0.0.1:" + listener.port()
                    + "/admin: no connection within 500 ms");
            assertThat(proof.finishConnect()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void shouldCloseTheSocketOfAConnectThatTimedOut(final String scheme) throws Exception {
        try (HangingListener listener = new HangingListener()) {
            try (SocketChannel proof = listener.startHangingConnect(PROOF_MILLIS)) {
                assertThat(proof.finishConnect()).isFalse();
                assertThat(listener.connectingSockets()).as("the kernel's table shows the hanging connect")
                        .isEqualTo(1);

                CompletableFuture<CheckResult> check = new HttpCheck(scheme + "://{address}:{port}/health")
                        .setTimeout(Duration.ofSeconds(2)).runAsync(listener.target());
                assertThat(awaitConnecting(listener, 2)).as("the check's connect is seen while it hangs").isTrue();
                CheckResult result = check.get(30, TimeUnit.SECONDS);

                assertThat(result.getDetail()).endsWith(": no connection within 2 s");
            }
            assertThat(awaitConnecting(listener, 0)).as("neither the proof's nor the check's socket is left "
                    + "connecting").isTrue();
        }
    }

    /** Waits (at most 10 s) until {@code count} sockets are connecting to the listener. */
    private static boolean awaitConnecting(final HangingListener listener, final long count) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listener.connectingSockets() != count) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
