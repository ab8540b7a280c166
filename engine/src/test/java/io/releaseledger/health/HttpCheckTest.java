package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class HttpCheckTest {
    private static final Duration INTERVAL = Duration.ofMillis(50);

    @Test
    void shouldPassWhenTheServerAnswersOk() throws IOException {
        try (TestServer server = new TestServer("/health", (exchange, n) -> TestServer.answer(exchange, 200, "UP"))) {
            CheckResult result = new HttpCheck("/health").run(server.target());

            assertThat(result.isPassed()).isTrue();
            assertThat(result.getName()).isEqualTo("http /health");
            assertThat(result.getKind()).isEqualTo("http");
            assertThat(result.getDetail()).matches("200 OK in \\d+ ms");
            assertThat(result.toJson()).containsOnlyKeys("name", "kind", "passed", "detail", "millis")
                    .containsEntry("passed", true).containsEntry("kind", "http");
        }
    }

    @Test
    void shouldFillAddressAndPortIntoAFullUrl() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> TestServer.answer(exchange, 204, ""))) {
            CheckResult result = new HttpCheck("http://{address}:{port}/ready").setExpectedStatus(204)
                    .run(server.target());

            assertThat(result.getName()).as("the URL checked, not its template")
                    .isEqualTo("http http://127.0.0.1:" + server.port() + "/ready");
            assertThat(result.isPassed()).as(result.getDetail()).isTrue();
            assertThat(result.getDetail()).startsWith("204 No Content");
        }
    }

    @Test
    void shouldNameAFailureWithTheUrlCheckedInAHealthGate() throws IOException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        HealthGate gate = new HealthGate(List.of(new HttpCheck("http://{address}:{port}/health")),
                Duration.ofMillis(200), INTERVAL);

        GateResult result = gate.await(new CheckTarget("127.0.0.1", closed, null, null));

        assertThat(result.describe()).startsWith("http http://127.0.0.1:" + closed + "/health failed: ");
    }

    @Test
    void shouldNameTheExpectedAndTheActualStatus() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> TestServer.answer(exchange, 503, "down"))) {
            assertThat(new HttpCheck("/health").run(server.target()).getDetail())
                    .startsWith("expected 200-399, got 503 Service Unavailable in ");
            assertThat(new HttpCheck("/health").setExpectedStatus(200, 202).run(server.target()).getDetail())
                    .startsWith("expected 200 or 202, got 503 Service Unavailable");
        }
    }

    @Test
    void shouldPassTheGateOnceTheServerRecovers() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) ->
                TestServer.answer(exchange, n <= 2 ? 503 : 200, "n=" + n))) {
            HealthGate gate = new HealthGate(List.of(new HttpCheck("/health").setExpectedStatus(200)),
                    Duration.ofSeconds(10), INTERVAL);

            GateResult result = gate.await(server.target());

            assertThat(result.isPassed()).as(result.describe()).isTrue();
            assertThat(result.getAttempts()).isEqualTo(3);
            assertThat(server.requests()).isEqualTo(3);
            assertThat(result.getResults()).singleElement().satisfies(r -> assertThat(r.isPassed()).isTrue());
            assertThat(result.describe()).startsWith("the check passed after 3 attempts in ");
        }
    }

    @Test
    void shouldFailAtTheTimeoutNamingTheLastAnswer() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> TestServer.answer(exchange, 503, "down"))) {
            Duration timeout = Duration.ofMillis(600);
            HealthGate gate = new HealthGate(List.of(new HttpCheck("/health").setExpectedStatus(200)), timeout,
                    Duration.ofMillis(100));

            GateResult result = gate.await(server.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getWaited()).isGreaterThanOrEqualTo(timeout).isLessThan(Duration.ofSeconds(5));
            assertThat(result.getAttempts()).isBetween(4, 8);
            assertThat(result.getResults()).singleElement().satisfies(r -> assertThat(r.isPassed()).isFalse());
            assertThat(result.describe()).startsWith("http /health failed: expected 200, got 503 Service Unavailable")
                    .contains("gave up after ");
        }
    }

    @Test
    void shouldRequireTextInTheBody() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) ->
                TestServer.answer(exchange, 200, "{\"status\":\"STARTING\"}"))) {
            CheckResult missing = new HttpCheck("/health").setBodyContains("\"UP\"").run(server.target());
            CheckResult present = new HttpCheck("/health").setBodyContains("STARTING").run(server.target());

            assertThat(missing.isPassed()).isFalse();
            assertThat(missing.getDetail()).contains("does not contain \"\"UP\"\"").contains("STARTING");
            assertThat(present.isPassed()).isTrue();
        }
    }

    @Test
    void shouldFailWhenTheBodyHoldsForbiddenText() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) ->
                TestServer.answer(exchange, 200, "database: DOWN"))) {
            CheckResult forbidden = new HttpCheck("/health").setBodyMustNotContain("DOWN").run(server.target());
            CheckResult allowed = new HttpCheck("/health").setBodyMustNotContain("ERROR").run(server.target());

            assertThat(forbidden.isPassed()).isFalse();
            assertThat(forbidden.getDetail()).contains("the body contains \"DOWN\"");
            assertThat(allowed.isPassed()).isTrue();
        }
    }

    @Test
    void shouldFollowRedirectsOnTheSameHostOnly() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/old")) {
                exchange.getResponseHeaders().add("Location", "/new");
                TestServer.answer(exchange, 302, "");
            } else if (path.equals("/away")) {
                exchange.getResponseHeaders().add("Location", "http://localhost:" + exchange.getLocalAddress()
                        .getPort() + "/new");
                TestServer.answer(exchange, 302, "");
            } else {
                TestServer.answer(exchange, 200, "new");
            }
        })) {
            CheckResult followed = new HttpCheck("/old").setExpectedStatus(200).setBodyContains("new")
                    .run(server.target());
            CheckResult notFollowed = new HttpCheck("/away").setExpectedStatus(200).run(server.target());

            assertThat(followed.isPassed()).as(followed.getDetail()).isTrue();
            assertThat(notFollowed.isPassed()).isFalse();
            assertThat(notFollowed.getDetail()).startsWith("expected 200, got 302 Found")
                    .contains("redirect to http://localhost:").contains("not followed");
            assertThat(server.requests()).isEqualTo(3);
        }
    }

    @Test
    void shouldReportARefusedConnection() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CheckResult result = new HttpCheck("/health").setTimeout(Duration.ofSeconds(2))
                .run(new CheckTarget("127.0.0.1", port, null, null));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getDetail()).isEqualTo("GET http://127.0.0.1:" + port + "/health: connection refused");
    }

    @Test
    void shouldGiveUpOnASlowAnswerAfterTheRequestTimeout() throws IOException {
        try (TestServer server = new TestServer("/", (exchange, n) -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestServer.answer(exchange, 200, "late");
        })) {
            CheckResult result = new HttpCheck("/health").setTimeout(Duration.ofMillis(300)).run(server.target());

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).endsWith("/health: no answer within 300 ms");
            assertThat(result.getMillis()).isLessThan(1500);
        }
    }

    @Test
    void shouldRefuseATemplateThatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> new HttpCheck("ftp://{address}/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an http(s) URL");
    }
}
