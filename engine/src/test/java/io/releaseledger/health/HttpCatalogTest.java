package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.descriptor.SmokeChecksSpec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The complete http check against in-process servers on 127.0.0.1 that misbehave on purpose. */
class HttpCatalogTest {
    @Test
    void shouldFailA500WithExpectedAndActual() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) ->
                TestServer.answer(exchange, 500, "database is down"))) {
            CheckResult result = new HttpCheck("/").setExpectedStatus(200).run(server.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getExpected()).isEqualTo("status 200");
            assertThat(result.getActual()).isEqualTo("500 Internal Server Error: database is down");
        }
    }

    @Test
    void shouldPassAnyOfSeveralStatuses() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> TestServer.answer(exchange, 204, ""))) {
            assertThat(new HttpCheck("/").setExpectedStatus(200, 204).run(server.target()).isPassed()).isTrue();
            assertThat(new HttpCheck("/").setExpectedStatus(200).run(server.target()).isPassed()).isFalse();
        }
    }

    @Test
    void shouldFindTheDefaultForbiddenStrings() throws IOException {
        List<String> bodies = List.of("<p>Lorem ipsum dolor sit amet</p>",
                "Exception in thread \"main\" java.lang.IllegalStateException\n\tat java.base/java.lang.Thread.run",
                "Traceback (most recent call last):\n  File \"app.py\", line 3",
                "<b>Notice</b>: Undefined variable $cart");
        for (String body : bodies) {
            try (TestServer server = new TestServer("/", (exchange, n) -> TestServer.answer(exchange, 200, body))) {
                CheckResult result = new HttpCheck("/").setForbiddenStrings(SmokeChecksSpec.DEFAULT_FORBIDDEN_STRINGS)
                        .run(server.target());

                assertThat(result.isPassed()).as(body).isFalse();
                assertThat(result.getDetail()).contains("forbidden string");
                assertThat(result.getExpected()).startsWith("body without");
            }
        }
    }

    @Test
    void shouldUseTheUsersForbiddenStringsInstead() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) ->
                TestServer.answer(exchange, 200, "lorem ipsum is our product name; TODO remove"))) {
            CheckResult result = new HttpCheck("/").setForbiddenStrings(List.of("TODO")).run(server.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).contains("the forbidden string \"TODO\"");
            assertThat(new HttpCheck("/").setForbiddenStrings(List.of()).run(server.target()).isPassed()).isTrue();
        }
    }

    @Test
    void shouldMatchTheBodyAndReadJsonAndHeaders() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> {
            exchange.getResponseHeaders().add("X-Version", "1.4.0");
            TestServer.answer(exchange, 200, "{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"count\":3}],"
                    + "\"a/b\":true}");
        })) {
            CheckResult passed = new HttpCheck("/health").setBodyMatches(Pattern.compile("\"status\"\\s*:\\s*\"UP\""))
                    .setJsonEquals("/status", "UP").setJsonEquals("/checks/0/count", "3")
                    .setJsonEquals("/a~1b", "true").setHeaderEquals("X-Version", "1.4.0").run(server.target());
            CheckResult wrongField = new HttpCheck("/health").setJsonEquals("/checks/0/name", "cache")
                    .run(server.target());
            CheckResult missingField = new HttpCheck("/health").setJsonEquals("/checks/1/name", "db")
                    .run(server.target());
            CheckResult wrongHeader = new HttpCheck("/health").setHeaderEquals("X-Version", "1.5.0")
                    .run(server.target());
            CheckResult noMatch = new HttpCheck("/health").setBodyMatches(Pattern.compile("DOWN|FAIL"))
                    .run(server.target());

            assertThat(passed.isPassed()).as(passed.getDetail()).isTrue();
            assertThat(wrongField.isPassed()).isFalse();
            assertThat(wrongField.getExpected()).isEqualTo("/checks/0/name = cache");
            assertThat(wrongField.getActual()).isEqualTo("/checks/0/name = db");
            assertThat(missingField.getDetail()).contains("no item 1 at /checks (1 items)");
            assertThat(wrongHeader.getDetail()).contains("header X-Version is '1.4.0', expected '1.5.0'");
            assertThat(noMatch.getDetail()).contains("does not match /DOWN|FAIL/");
        }
    }

    @Test
    void shouldFailASlowAnswerOverItsLatencyBudget() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> {
            sleep(400);
            TestServer.answer(exchange, 200, "ok");
        })) {
            CheckResult result = new HttpCheck("/").setLatencyBudget(Duration.ofMillis(100)).run(server.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).contains("too slow").contains("budget 100 ms");
            assertThat(new HttpCheck("/").setLatencyBudget(Duration.ofSeconds(3)).run(server.target()).isPassed())
                    .isTrue();
        }
    }

    @Test
    void shouldFailWithinItsTimeoutAgainstAServerThatNeverAnswers() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accepts, reads nothing, never answers
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();

            CheckResult result = new HttpCheck("/").setTimeout(Duration.ofMillis(500))
                    .run(new CheckTarget("127.0.0.1", silent.getLocalPort(), null, null));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).contains("no answer within 500 ms");
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void shouldSayConnectionRefused() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        CheckResult result = new HttpCheck("/").run(new CheckTarget("127.0.0.1", port, null, null));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getDetail()).endsWith(": connection refused");
    }

    @Test
    void shouldSendTheTokenAndNeverShowIt() throws IOException {
        String token = "s3cr3t-t0ken-value";
        try (TestServer server = new TestServer("/", (exchange, n) -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            // a careless server echoes the credentials it got
            TestServer.answer(exchange, ("Bearer " + token).equals(auth) ? 500 : 401, "got " + auth);
        })) {
            CheckResult result = new HttpCheck("/").setExpectedStatus(200)
                    .setSecretHeader("Authorization", "Bearer ", token).run(server.target());

            assertThat(result.getActual()).isEqualTo("500 Internal Server Error: got Bearer ****");
            assertThat(result.toString() + result.toJson()).doesNotContain(token);
        }
    }

    @Test
    void shouldSendBasicAuthAndMaskTheEncodedHeader() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) ->
                TestServer.answer(exchange, 418, "you sent " + exchange.getRequestHeaders().getFirst("Authorization")))) {
            CheckResult result = new HttpCheck("/").setBasicAuth("ci", "pa55word!").run(server.target());

            assertThat(result.getActual()).isEqualTo("418: you sent Basic ****");
        }
    }

    static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
