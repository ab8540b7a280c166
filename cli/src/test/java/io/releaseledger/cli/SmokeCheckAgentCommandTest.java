package io.releaseledger.cli;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.AgentResponse;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.agent.SmokeProtocol;
import io.releaseledger.deploy.SmokeOutcome;
import io.releaseledger.deploy.SmokeRequest;
import io.releaseledger.json.Json;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code release-ledger agent} with a {@code smoke.run} request, as the Jenkins plugin sends it. */
class SmokeCheckAgentCommandTest {
    private static final String TOKEN = "agent-cli-token-8e1f55c2";
    private static final String VARIABLE = "RELEASE_LEDGER_CREDENTIAL_1";

    @TempDir
    Path dir;

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean ok = ("Bearer " + TOKEN).equals(authorization) && exchange.getRequestURI().getPath().equals("/ok");
            // Echoes the header: a token that leaked into a result would show.
            byte[] body = ((ok ? "fine" : "broken") + ", you sent " + authorization).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String descriptor(final String path) {
        return "schemaVersion: 1\n"
                + "application: agentsmoke\n"
                + "image: 127.0.0.1:5000/rltest/agentsmoke\n"
                + "environments:\n"
                + "  - name: qa\n"
                + "    hosts: [unix:///var/run/docker.sock]\n"
                + "    smokeChecks:\n"
                + "      checks:\n"
                + "        - http: {url: \"http://127.0.0.1:" + server.getAddress().getPort() + path + "\", name: page,"
                + " token: {secret: {credentialsId: page-token}}}\n";
    }

    private Cli.Result agent(final String descriptor) {
        String request = new AgentRequest(SmokeProtocol.RUN, dir.toString(), SmokeProtocol.runOptions(descriptor,
                "release-ledger.yaml", "qa", Map.of("page-token", DeployProtocol.credential(DeployProtocol.KIND_SECRET,
                        VARIABLE)), new SmokeRequest("qa").setVersion("3.1.0"))).toJson();
        return Cli.withEnvironment(Map.of(VARIABLE, TOKEN)).stdin(request).run("agent");
    }

    @Test
    void shouldRunTheChecksOnTheAgentAndAnswerTheOutcome() {
        Cli.Result result = agent(descriptor("/ok"));

        assertThat(result.exitCode).as(result.toString()).isZero();
        AgentResponse response = AgentResponse.fromJson(result.out);
        assertThat(response.isOk()).isTrue();
        SmokeOutcome outcome = SmokeProtocol.readOutcome(response.getResult());
        assertThat(outcome.isPassed()).isTrue();
        assertThat(outcome.getTable()).contains("PASS", "page");
        assertThat(outcome.getReport()).containsEntry("version", "3.1.0").containsEntry("environment", "qa");
        assertThat(result.err).contains("Running 1 smoke check against qa (3.1.0)");
        assertThat(result.out + result.err).doesNotContain(TOKEN);
    }

    @Test
    void shouldAnswerAFailedRunAsASuccessfulResponseWithTheTokenMasked() {
        Cli.Result result = agent(descriptor("/broken"));

        assertThat(result.exitCode).as(result.toString()).isZero();
        SmokeOutcome outcome = SmokeProtocol.readOutcome(AgentResponse.fromJson(result.out).getResult());
        assertThat(outcome.isPassed()).isFalse();
        assertThat(outcome.getTable()).contains("FAIL", "500");
        assertThat(outcome.getJUnitXml()).contains("<failure", "you sent Bearer ****");
        assertThat(Json.write(outcome.getReport())).contains("you sent Bearer ****");
        assertThat(result.out + result.err).doesNotContain(TOKEN);
    }

    @Test
    void shouldAnswerAnErrorWhenTheCredentialsAreNotBound() {
        String request = new AgentRequest(SmokeProtocol.RUN, dir.toString(), SmokeProtocol.runOptions(
                descriptor("/ok"), "release-ledger.yaml", "qa", Map.of(), new SmokeRequest("qa"))).toJson();

        Cli.Result result = Cli.plain().stdin(request).run("agent");

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        AgentResponse response = AgentResponse.fromJson(result.out);
        assertThat(response.isOk()).isFalse();
        assertThat(response.getError()).contains("credentials 'page-token'", "no check was run");
    }
}
