package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code release-ledger smoke-check} against a real HTTP server on 127.0.0.1: output, exit codes, JUnit, ledger. */
class SmokeCheckCliCommandTest {
    private static final String TOKEN = "cli-smoke-token-41d7e0";

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicBoolean healthy = new AtomicBoolean(true);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorized && healthy.get() ? "shop is UP" : "broken; you sent "
                    + exchange.getRequestHeaders().getFirst("Authorization")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authorized && healthy.get() ? 200 : 500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Files.writeString(dir.resolve("release-ledger.yaml"), "schemaVersion: 1\n"
                + "application: clismoke\n"
                + "image: 127.0.0.1:5000/rltest/clismoke\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    smokeChecks:\n"
                + "      checks:\n"
                + "        - http: {url: \"http://127.0.0.1:" + server.getAddress().getPort() + "/home\", name: home,"
                + " bodyContains: UP, token: {secret: {env: SHOP_TOKEN}}}\n", StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private Cli.Result run(final String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--ledger", dir.resolve("ledgers").toString(), "-C", dir.toString()));
        return Cli.withEnvironment(Map.of("SHOP_TOKEN", TOKEN)).run(all.toArray(String[]::new));
    }

    private List<Map<String, Object>> recorded() {
        List<Map<String, Object>> found = new ArrayList<>();
        try (Ledger ledger = Ledger.open(dir.resolve("ledgers"), "clismoke")) {
            for (LedgerEvent event : ledger.events("dev")) {
                if (EventTypes.CHECK_RECORDED.equals(event.getType())) {
                    found.add(event.getData());
                }
            }
        }
        return found;
    }

    @Test
    void shouldPrintTheTableWriteJUnitAndExitZeroWhenTheChecksPass() throws Exception {
        Path junit = dir.resolve("reports/smoke.xml");

        Cli.Result result = run("smoke-check", "--environment", "dev", "--version", "1.0.0", "--junit", junit.toString());

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).contains("RESULT", "PASS", "home", "Smoke checks passed: 1 of 1");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(recorded()).singleElement().satisfies(data -> assertThat(data).containsEntry("passed", true)
                .containsEntry("version", "1.0.0").containsEntry("run", "smoke"));
        assertThat(result.out + result.err + Files.readString(junit)).doesNotContain(TOKEN);
    }

    @Test
    void shouldExitOneAndRecordTheFailure() throws Exception {
        healthy.set(false);
        Path junit = dir.resolve("smoke.xml");

        Cli.Result result = run("smoke-check", "--environment", "dev", "--version", "1.0.0", "--junit", junit.toString());

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.out).contains("FAIL", "home", "Smoke checks failed: 0 of 1 passed");
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile())
                .getDocumentElement();
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(recorded()).singleElement().satisfies(data -> assertThat(data).containsEntry("passed", false));
        assertThat(result.out + result.err + Files.readString(junit) + Json.write(recorded()))
                .contains("****").doesNotContain(TOKEN);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPrintTheOutcomeAsJson() {
        healthy.set(false);

        Cli.Result result = run("smoke-check", "--environment", "dev", "--version", "1.0.0", "--json", "--no-fail-fast");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        Map<String, Object> json = Json.parseObject(result.out);
        assertThat(json).containsEntry("passed", false).containsKeys("table", "junitXml", "summary")
                .containsEntry("rolledBackTo", null);
        Map<String, Object> report = (Map<String, Object>) json.get("report");
        assertThat(report).containsEntry("environment", "dev").containsEntry("version", "1.0.0");
        assertThat((List<Object>) report.get("results")).hasSize(1);
        assertThat(result.out).doesNotContain(TOKEN);
    }

    @Test
    void shouldRefuseWhenNothingIsDeployedAndNoVersionGiven() {
        Cli.Result result = run("smoke-check", "--environment", "dev");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.err).contains("the ledger records no release running there");
        assertThat(result.out).isEmpty();
    }

    @Test
    void shouldReportUsageErrorsWithExitCodeTwo() {
        Cli.Result missing = run("smoke-check");
        Cli.Result help = Cli.plain().run("smoke-check", "--help");

        assertThat(missing.exitCode).as(missing.toString()).isEqualTo(2);
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("--environment", "--rollback-on-failure", "--junit", "--json", "--[no-]fail-fast",
                "Exit codes:");
        assertThat(Cli.plain().run("--help").out).contains("smoke-check");
    }
}
