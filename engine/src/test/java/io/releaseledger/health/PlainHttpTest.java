package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * Plain {@code http://} checks over {@link PlainHttp} (issue 11) against a raw socket server: what goes on the wire,
 * every way an answer's body ends, kept-alive connections, and what it does not understand.
 */
class PlainHttpTest {
    private static final String OK_UP = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nUP";

    @Test
    void shouldJudgeThePlainAnswerOnItsOwnSelectorThread() throws Exception {
        CountDownLatch listening = new CountDownLatch(1);
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            connection.readRequest();
            await(listening);
            connection.write(OK_UP);
        })) {
            CompletableFuture<CheckResult> result = check("/health").runAsync(server.target());
            CompletableFuture<String> judgedOn = result.thenApply(done -> Thread.currentThread().getName());
            listening.countDown();

            assertThat(judgedOn.get(30, TimeUnit.SECONDS)).isEqualTo("release-ledger-http-plain");
            assertThat(result.join().isPassed()).as(result.join().toString()).isTrue();
        }
    }

    @Test
    void shouldWriteTheRequestAsTheChecksBuildIt() throws Exception {
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            connection.readRequest();
            connection.write(OK_UP);
        })) {
            HttpCheck check = new HttpCheck("http://{address}:{port}/health?deep=1").setMethod("post")
                    .setHeader("X-Trace", "abc").setSecretHeader("Authorization", "Bearer ", "s3cr3t-token")
                    .setExpectedStatus(200).setTimeout(Duration.ofSeconds(30));

            CheckResult result = check.run(server.target());

            assertThat(result.isPassed()).as(result.toString()).isTrue();
            assertThat(server.requests()).hasSize(1);
            assertThat(server.requests().get(0)).startsWith("POST /health?deep=1 HTTP/1.1\r\n")
                    .contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n", "\r\nX-Trace: abc\r\n",
                            "\r\nAuthorization: Bearer s3cr3t-token\r\n", "\r\nContent-Length: 0\r\n")
                    .containsIgnoringCase("\r\nUser-Agent: release-ledger-check\r\n").endsWith("\r\n\r\n");
        }
    }

    @Test
    void shouldReachAnIpv6Literal() throws Exception {
        InetAddress loopback6 = InetAddress.getByName("::1");
        org.junit.jupiter.api.Assumptions.assumeTrue(loopback6 instanceof Inet6Address
                && NetworkInterface.getByInetAddress(loopback6) != null, "no IPv6 loopback on this machine");
        try (RawHttpServer server = new RawHttpServer(loopback6, (connection, n) -> {
            connection.readRequest();
            connection.write(OK_UP);
        })) {
            CheckResult result = check("http://[::1]:" + server.port() + "/health").run(new CheckTarget("127.0.0.1", 1, null, null));

            assertThat(result.isPassed()).as(result.toString()).isTrue();
            assertThat(server.requests().get(0)).contains("\r\nHost: [::1]:" + server.port() + "\r\n");
        }
    }

    @Test
    void shouldReadAChunkedBodyWithExtensionsAndTrailers() throws Exception {
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            while (connection.readRequest() != null) {
                connection.writeSlowly("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;name=x\r\nUP \r\n",
                        "a\r\nand runnin\r\n", "1\r\ng\r\n0\r\nX-Checked: yes\r\n\r\n");
            }
        })) {
            HttpCheck check = check("/health").setBodyContains("UP and running");

            CheckResult first = check.run(server.target());
            CheckResult second = check.run(server.target());

            assertThat(first.isPassed()).as(first.toString()).isTrue();
            assertThat(second.isPassed()).as(second.toString()).isTrue();
            assertThat(server.connections()).as("the chunked answer ended the exchange, not the connection")
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldReadABodyThatEndsWithTheConnectionFromAnHttp10Server() throws Exception {
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            connection.readRequest();
            connection.writeSlowly("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nUP ", "and running");
        })) {
            HttpCheck check = check("/health").setBodyContains("UP and running");

            CheckResult first = check.run(server.target());
            CheckResult second = check.run(server.target());

            assertThat(first.isPassed()).as(first.toString()).isTrue();
            assertThat(second.isPassed()).as(second.toString()).isTrue();
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void shouldReadNoBodyAfterHeadOr204AndKeepTheConnection() throws Exception {
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            for (String request = connection.readRequest(); request != null; request = connection.readRequest()) {
                connection.write(request.startsWith("HEAD") ? "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                        : request.startsWith("DELETE") ? "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n"
                        : OK_UP);
            }
        })) {
            HttpClients clients = new HttpClients(1);
            CheckResult head = check("/health").setMethod("HEAD").shareClient(clients).run(server.target());
            CheckResult delete = check("/health").setMethod("DELETE").setExpectedStatus(204).shareClient(clients)
                    .run(server.target());
            CheckResult get = check("/health").setBodyContains("UP").shareClient(clients).run(server.target());

            assertThat(head.isPassed()).as(head.toString()).isTrue();
            assertThat(delete.isPassed()).as(delete.toString()).isTrue();
            assertThat(get.isPassed()).as(get.toString()).isTrue();
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void shouldSkipInterimAnswers() throws Exception {
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            connection.readRequest();
            connection.writeSlowly("HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n",
                    OK_UP);
        })) {
            CheckResult result = check("/health").setExpectedStatus(200).setBodyContains("UP").run(server.target());

            assertThat(result.isPassed()).as(result.toString()).isTrue();
        }
    }

    @Test
    void shouldOpenANewConnectionAfterConnectionClose() throws Exception {
        java.util.List<Boolean> closedByClient = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            connection.readRequest();
            connection.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nUP");
            // the client closes it rather than sending the next request on it
            closedByClient.add(connection.closedByClientWithin(5000));
        })) {
            HttpClients clients = new HttpClients(1);
            HttpCheck check = check("/health").setBodyContains("UP").shareClient(clients);

            CheckResult first = check.run(server.target());
            CheckResult second = check.run(server.target());

            assertThat(first.isPassed()).as(first.toString()).isTrue();
            assertThat(second.isPassed()).as(second.toString()).isTrue();
            assertThat(server.connections()).isEqualTo(2);
            // each connection's handler says within 5 s whether the client closed it; on a busy machine neither may
            // have said so yet when the second check returns
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
            while (closedByClient.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(closedByClient).containsExactly(true, true);
        }
    }

    @Test
    void shouldSendAnIdempotentRequestAgainWhenAKeptAliveConnectionClosesUnanswered() throws Exception {
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            connection.readRequest();
            connection.write(OK_UP);
            if (n == 1) {
                connection.readRequest(); // the second check's request on the kept-alive connection: unanswered
            }
        })) {
            HttpClients clients = new HttpClients(1);
            CheckResult first = check("/health").shareClient(clients).run(server.target());
            CheckResult again = check("/health").setBodyContains("UP").shareClient(clients).run(server.target());

            assertThat(first.isPassed()).as(first.toString()).isTrue();
            assertThat(again.isPassed()).as(again.toString()).isTrue();
            assertThat(server.requests()).hasSize(3);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void shouldNotSendAPostAgainWhenAKeptAliveConnectionClosesUnanswered() throws Exception {
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            connection.readRequest();
            connection.write(OK_UP);
            if (n == 1) {
                connection.readRequest();
            }
        })) {
            HttpClients clients = new HttpClients(1);
            check("/health").setMethod("POST").shareClient(clients).run(server.target());
            CheckResult post = check("/health").setMethod("POST").shareClient(clients).run(server.target());

            assertThat(post.isPassed()).isFalse();
            assertThat(post.getDetail()).contains("closed by the server before the answer");
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void shouldFailClearlyOnAnAnswerItDoesNotUnderstand() throws Exception {
        String[] answers = {"SPDY/3 200 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxx",
            "HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nUP", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"};
        String[] said = {"not an HTTP/1.1 status line: \"SPDY/3 200 OK\"",
            "Transfer-Encoding \"gzip\" is not understood (only chunked)", "Content-Length \"2, 3\" is not one length",
            "a chunk size that is not a hexadecimal number: \"zz\""};
        for (int i = 0; i < answers.length; i++) {
            String answer = answers[i];
            try (RawHttpServer server = new RawHttpServer((connection, n) -> {
                connection.readRequest();
                connection.write(answer);
                connection.closedByClientWithin(5000);
            })) {
                CheckResult result = check("/health").run(server.target());

                assertThat(result.isPassed()).isFalse();
                assertThat(result.getDetail()).endsWith(": ProtocolException: " + said[i]);
            }
        }
    }

    @Test
    void shouldCloseTheConnectionWhenTheCheckIsCancelled() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch seen = new CountDownLatch(1);
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            connection.readRequest();
            asked.countDown();
            closed.set(connection.closedByClientWithin(10_000));
            seen.countDown();
        })) {
            CompletableFuture<CheckResult> result = check("/health").runAsync(server.target());
            assertThat(asked.await(30, TimeUnit.SECONDS)).isTrue();

            result.cancel(true);

            assertThat(seen.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(closed).as("the client closed the abandoned exchange's connection").isTrue();
        }
    }

    @Test
    void shouldSayNoAnswerCameWithinTheTimeoutCountedFromTheStart() throws Exception {
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            connection.readRequest();
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nUP"); // 8 bytes short, for ever
            connection.closedByClientWithin(10_000);
        })) {
            long start = System.nanoTime();
            CheckResult result = check("/health").setTimeout(Duration.ofMillis(400)).run(server.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).endsWith(": no answer within 400 ms");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
        }
    }

    @Test
    void shouldSayTheConnectionWasRefused() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        CheckResult result = check("/health").run(new CheckTarget("127.0.0.1", port, null, null));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getDetail()).endsWith(": connection refused");
    }

    @Test
    void shouldCutALargeBodyAndNotUseItsConnectionAgain() throws Exception {
        try (RawHttpServer server = new RawHttpServer((connection, n) -> {
            connection.readRequest();
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: " + (BoundedBody.MAX_BYTES + 10) + "\r\n\r\n");
            connection.write("x".repeat(BoundedBody.MAX_BYTES + 10));
            connection.closedByClientWithin(10_000);
        })) {
            HttpClients clients = new HttpClients(1);
            HttpCheck check = check("/health").setBodyContains("nothing of the kind").shareClient(clients);
            PlainHttpExchange probe = new PlainHttpExchange(clients.get(Duration.ofSeconds(30), null),
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                            + "/big")).build(), System.nanoTime() + TimeUnit.SECONDS.toNanos(30));

            byte[] body = PlainHttp.sendAsync(probe.client, probe.request, probe.deadlineNanos).get(30,
                    TimeUnit.SECONDS).body();
            CheckResult result = check.run(server.target());

            assertThat(body).hasSize(BoundedBody.MAX_BYTES + 1);
            assertThat(result.isPassed()).isFalse();
            assertThat(server.connections()).as("a cut answer's connection is not used again").isEqualTo(2);
        }
    }

    private static HttpCheck check(final String url) {
        return new HttpCheck(url).setTimeout(Duration.ofSeconds(30));
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
