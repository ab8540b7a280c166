package io.releaseledger.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.health.CheckResult;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.SecretMask;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** The smoke runner against real servers on 127.0.0.1: parallelism, timeouts, retries, failFast and deadline. */
class SmokeCheckRunTest {
    @Test
    void shouldRunChecksInParallel() throws IOException {
        try (SmokeServer server = new SmokeServer((exchange, n) -> {
            SmokeServer.sleep(400);
            SmokeServer.answer(exchange, 200, "ok");
        })) {
            List<SmokeCheck> checks = new ArrayList<>();
            IntStream.range(0, 6).forEach(i -> checks.add(new SmokeCheck(new HttpCheck("/page" + i),
                    Duration.ofSeconds(5))));

            SmokeReport report = new SmokeCheckRun(checks, List.of(server.target())).call();

            assertThat(report.isPassed()).as(report.toTable()).isTrue();
            assertThat(report.getResults()).hasSize(6);
            assertThat(report.getTotal()).isLessThan(Duration.ofMillis(6 * 400 / 2)); // one after another: 2.4 s
        }
    }

    @Test
    void shouldCountOneResultPerServerForACheckAimedAtEachAndOneForAnyOther() {
        List<SmokeCheck> checks = List.of(
                new SmokeCheck(new HttpCheck("http://{address}:{port}/health"), Duration.ofSeconds(1)),
                new SmokeCheck(new HttpCheck("http://127.0.0.1:1/through-the-balancer"), Duration.ofSeconds(1)));
        List<io.releaseledger.health.CheckTarget> servers = List.of(
                new io.releaseledger.health.CheckTarget("127.0.0.1", 18481, null, null),
                new io.releaseledger.health.CheckTarget("127.0.0.1", 18482, null, null));

        assertThat(new SmokeCheckRun(checks, servers).size()).isEqualTo(3);
        assertThat(new SmokeCheckRun(checks, List.of(servers.get(0))).size()).isEqualTo(2);
        assertThat(new SmokeCheckRun(checks, List.of()).size()).as("a check without a server fails as one result")
                .isEqualTo(2);
    }

    @Test
    void shouldRetryWithBackoffUntilTheThirdAttemptPasses() throws IOException {
        try (SmokeServer server = new SmokeServer((exchange, n) ->
                SmokeServer.answer(exchange, n < 3 ? 503 : 200, n < 3 ? "starting" : "UP"))) {
            SmokeCheck check = new SmokeCheck(new HttpCheck("/health"), Duration.ofSeconds(2)).setRetries(4)
                    .setBackoff(Duration.ofMillis(100));

            SmokeReport report = new SmokeCheckRun(List.of(check), List.of(server.target())).call();

            CheckResult result = report.getResults().get(0);
            assertThat(result.isPassed()).isTrue();
            assertThat(result.getAttempt()).isEqualTo(3);
            assertThat(server.requests()).isEqualTo(3);
            assertThat(report.getTotal()).isGreaterThanOrEqualTo(Duration.ofMillis(100 + 200));
            assertThat(result.getTarget()).isEqualTo("127.0.0.1:" + server.port());
        }
    }

    @Test
    void shouldReportTheLastAttemptWhenRetriesRunOut() throws IOException {
        try (SmokeServer server = new SmokeServer((exchange, n) -> SmokeServer.answer(exchange, 500, "boom"))) {
            SmokeCheck check = new SmokeCheck(new HttpCheck("/"), Duration.ofSeconds(2)).setRetries(2)
                    .setBackoff(Duration.ofMillis(10));

            CheckResult result = new SmokeCheckRun(List.of(check), List.of(server.target())).call().getResults().get(0);

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getAttempt()).isEqualTo(3);
            assertThat(server.requests()).isEqualTo(3);
        }
    }

    @Test
    void shouldAbandonACheckThatHangsAtItsTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            // the http check itself would wait 60 s; the run gives it 300 ms
            SmokeCheck check = new SmokeCheck(new HttpCheck("/").setTimeout(Duration.ofSeconds(60)),
                    Duration.ofMillis(300));

            SmokeReport report = new SmokeCheckRun(List.of(check), List.of(new io.releaseledger.health.CheckTarget(
                    "127.0.0.1", silent.getLocalPort(), null, null))).call();

            assertThat(report.getTotal()).isLessThan(Duration.ofSeconds(2));
            assertThat(report.isPassed()).isFalse();
            assertThat(report.getResults().get(0).getDetail()).startsWith("no result within the timeout of 300 ms; "
                    + "abandoned after");
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void shouldStopAtTheFirstFailureWithFailFast() throws IOException {
        try (SmokeServer server = new SmokeServer((exchange, n) -> {
            if (exchange.getRequestURI().getPath().equals("/broken")) {
                SmokeServer.answer(exchange, 500, "broken");
            } else {
                SmokeServer.sleep(5000);
                SmokeServer.answer(exchange, 200, "slow but fine");
            }
        })) {
            List<SmokeCheck> checks = List.of(
                    new SmokeCheck(new HttpCheck("/slow").setTimeout(Duration.ofSeconds(10)), Duration.ofSeconds(10)),
                    new SmokeCheck(new HttpCheck("/broken"), Duration.ofSeconds(10)));

            SmokeReport report = new SmokeCheckRun(checks, List.of(server.target())).setFailFast(true).call();

            assertThat(report.getTotal()).isLessThan(Duration.ofSeconds(3));
            assertThat(report.isPassed()).isFalse();
            assertThat(report.getStopReason()).isEqualTo("failFast: http /broken failed");
            assertThat(report.isSkipped(0)).isTrue();
            assertThat(report.getResults().get(0).getDetail()).isEqualTo("not finished: failFast: http /broken failed");
            assertThat(report.toTable()).contains("SKIP").contains("FAIL");
        }
    }

    @Test
    void shouldEndTheRunAtItsDeadline() throws IOException {
        try (SmokeServer server = new SmokeServer((exchange, n) -> {
            SmokeServer.sleep(3000);
            SmokeServer.answer(exchange, 200, "late");
        })) {
            List<SmokeCheck> checks = List.of(new SmokeCheck(new HttpCheck("/").setTimeout(Duration.ofSeconds(10)),
                    Duration.ofSeconds(10)).setRetries(3));

            SmokeReport report = new SmokeCheckRun(checks, List.of(server.target()))
                    .setDeadline(Duration.ofMillis(500)).call();

            assertThat(report.getTotal()).isLessThan(Duration.ofMillis(1500));
            assertThat(report.isPassed()).isFalse();
            assertThat(report.getResults().get(0).getDetail()).startsWith("the run's deadline came first; abandoned");
        }
    }

    @Test
    void shouldRunATargetedCheckOncePerTarget() throws IOException {
        try (SmokeServer one = new SmokeServer((exchange, n) -> SmokeServer.answer(exchange, 200, "one"));
                SmokeServer two = new SmokeServer((exchange, n) -> SmokeServer.answer(exchange, 503, "two"))) {
            SmokeReport report = new SmokeCheckRun(List.of(new SmokeCheck(new HttpCheck("/"), Duration.ofSeconds(2)),
                    new SmokeCheck(new HttpCheck("http://127.0.0.1:" + one.port() + "/"), Duration.ofSeconds(2))),
                    List.of(one.target(), two.target())).call();

            assertThat(report.getResults()).extracting(CheckResult::getTarget).containsExactly(
                    "127.0.0.1:" + one.port(), "127.0.0.1:" + two.port(), null);
            assertThat(report.getResults()).extracting(CheckResult::isPassed).containsExactly(true, false, true);
            assertThat(report.summary()).startsWith("Smoke checks failed: 2 of 3 passed in ");
        }
    }

    @Test
    void shouldWriteValidJUnitXmlAndTheLedgerShape() throws Exception {
        try (SmokeServer server = new SmokeServer((exchange, n) -> SmokeServer.answer(exchange,
                exchange.getRequestURI().getPath().equals("/ok") ? 200 : 500, "<b>Error</b> & \"trace\" \u0001"))) {
            List<SmokeCheck> checks = List.of(new SmokeCheck(new HttpCheck("/ok").setName("home <page>"),
                    Duration.ofSeconds(2)), new SmokeCheck(new HttpCheck("/cart"), Duration.ofSeconds(2)));
            SmokeReport report = new SmokeCheckRun(checks, List.of(server.target())).call();

            String xml = report.toJUnitXml("smoke staging");
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)));
            Element suite = document.getDocumentElement();
            assertThat(suite.getAttribute("tests")).isEqualTo("2");
            assertThat(suite.getAttribute("failures")).isEqualTo("1");
            assertThat(((Element) suite.getElementsByTagName("testcase").item(0)).getAttribute("name"))
                    .isEqualTo("home <page> @ 127.0.0.1:" + server.port());
            Element failure = (Element) suite.getElementsByTagName("failure").item(0);
            assertThat(failure.getTextContent()).contains("expected: status 200")
                    .contains("actual: 500 Internal Server Error: <b>Error</b> & \"trace\"").contains("attempt: 1");

            Map<String, Object> json = report.toJson("1.4.0", "d-42", "staging");
            assertThat(json).containsEntry("version", "1.4.0").containsEntry("deploymentId", "d-42")
                    .containsEntry("passed", false).containsEntry("run", "smoke").containsEntry("environment", "staging");
            assertThat((List<?>) json.get("results")).hasSize(2);
            assertThat(report.toJson("1.4.0", null, "staging", "web-1")).doesNotContainKey("deploymentId")
                    .containsEntry("server", "web-1");
        }
    }

    @Test
    void shouldNeverShowASecretInTheTableJsonOrJUnitXml() throws IOException {
        String token = "tok-3f9a8b7c6d5e";
        try (SmokeServer server = new SmokeServer((exchange, n) -> SmokeServer.answer(exchange, 500,
                "debug: headers " + exchange.getRequestHeaders().getFirst("X-Api-Token")))) {
            SmokeCheck check = new SmokeCheck(new HttpCheck("/").setSecretHeader("X-Api-Token", "", token)
                    .setName("api " + token), Duration.ofSeconds(2));

            SmokeReport report = new SmokeCheckRun(List.of(check), List.of(server.target()))
                    .setSecretMask(new SecretMask(List.of(token))).call();

            assertThat(server.requests()).isEqualTo(1);
            String all = report.toTable() + io.releaseledger.json.Json.write(report.toJson("1.0.0", null, "staging"))
                    + report.toJUnitXml("smoke");
            assertThat(all).doesNotContain(token).contains("debug: headers ****");
        }
    }
}
