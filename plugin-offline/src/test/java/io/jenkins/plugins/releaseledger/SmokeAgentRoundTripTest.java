package io.jenkins.plugins.releaseledger;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.agent.AgentRequest;
import io.releaseledger.deploy.SmokeOutcome;
import io.releaseledger.deploy.SmokeRequest;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * smokeCheck's executor against the CLI jar the plugin ships, started as the step starts it, checking an in-process
 * HTTP server on 127.0.0.1: a check's token (Jenkins credentials) travels in the agent's environment only, reaches
 * the server as a header, and appears in neither the request, the log, the table, the JUnit report nor the report.
 */
class SmokeAgentRoundTripTest {
    private static final String TOKEN = "smoke-token-3c9d71";
    private static final String DESCRIPTOR = """
            schemaVersion: 1
            application: shop
            image: 127.0.0.1:1/team/shop
            environments:
              - name: staging
                hosts: [tcp://127.0.0.1:1]
                smokeChecks:
                  checks:
                    - http:
                        name: home
                        url: http://127.0.0.1:%1$d/
                        token: {header: X-Smoke-Token, secret: {credentialsId: smoke-token}}
                    - http:
                        name: health
                        url: http://127.0.0.1:%1$d/%2$s
            """;

    @TempDir
    Path temp;

    private Path workspace;
    private HttpServer server;
    private final Map<String, String> tokensSeen = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        workspace = Files.createDirectories(temp.resolve("ws"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String token = exchange.getRequestHeaders().getFirst("X-Smoke-Token");
            synchronized (tokensSeen) {
                tokensSeen.put(path, token);
            }
            boolean ok = path.equals("/health") || (path.equals("/") && TOKEN.equals(token));
            byte[] body = (ok ? "ok" : "broken").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String descriptor(final String healthPath) {
        return DESCRIPTOR.formatted(server.getAddress().getPort(), healthPath);
    }

    private AgentSmokeCheckExecutor executor(final String descriptor, final Map<String, String> secrets,
            final ByteArrayOutputStream log) {
        EnvironmentSpec staging = DescriptorLoader.parse(descriptor, "release-ledger.yaml").getEnvironment("staging")
                .orElseThrow();
        return new AgentSmokeCheckExecutor("smokeCheck", (operation, options) -> {
            AgentRequest request = new AgentRequest(operation, workspace.toString(), options);
            assertThat(request.toJson()).doesNotContain(TOKEN);
            return new ShippedAgent(workspace).run(request, secrets, new PrintStream(log, true, StandardCharsets.UTF_8));
        }, new PrintStream(log, true, StandardCharsets.UTF_8), descriptor, "release-ledger.yaml",
                DeployCredentialVariables.smokeCheck(staging, false));
    }

    @Test
    void shouldGiveACommandCheckNoneOfTheAgentsSecrets() {
        // The token is bound into the agent's environment for the http check; the command check prints what it sees.
        String command = "        - command: [/bin/sh, -c, 'if env | grep -q \"^RELEASE_LEDGER_\"; then "
                + "echo \"LEAKED $(env | grep -c \"^RELEASE_LEDGER_\")\"; exit 2; fi; echo clean']\n";
        String descriptor = descriptor("health").replace("        - http:\n            name: health",
                command + "        - http:\n            name: health");
        assertThat(descriptor).contains("command:");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        SmokeOutcome outcome = executor(descriptor, token(), log).run(new SmokeRequest("staging").setVersion("1.4.0"));

        assertThat(tokensSeen).containsEntry("/", TOKEN);
        assertThat(outcome.getTable()).contains("clean").doesNotContain("LEAKED");
        assertThat(outcome.isPassed()).as(outcome.getTable()).isTrue();
    }

    private static Map<String, String> token() {
        return DeployCredentialVariables.secretText("RELEASE_LEDGER_CREDENTIAL_1", TOKEN);
    }

    @Test
    void shouldPassWithTheTokenFromTheAgentsEnvironment() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        SmokeOutcome outcome = executor(descriptor("health"), token(), log)
                .run(new SmokeRequest("staging").setVersion("1.4.0"));

        assertThat(outcome.isPassed()).as(outcome.getTable()).isTrue();
        assertThat(tokensSeen).containsEntry("/", TOKEN);
        assertThat(outcome.getTable()).contains("home").contains("health").doesNotContain(TOKEN);
        assertThat(outcome.getJUnitXml()).contains("<testsuite").contains("home").doesNotContain(TOKEN);
        assertThat(outcome.getReport().toString()).doesNotContain(TOKEN);
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
    }

    @Test
    void shouldReportTheFailedCheckByName() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        SmokeOutcome outcome = executor(descriptor("missing"), token(), log).run(new SmokeRequest("staging")
                .setVersion("1.4.0"));

        assertThat(outcome.isPassed()).isFalse();
        assertThat(SmokeCheckOptions.failedChecks(outcome.getReport())).containsExactly("health");
        assertThat(SmokeCheckOptions.failureMessage("smokeCheck", "staging", "1.4.0",
                SmokeCheckOptions.failedChecks(outcome.getReport()), null)).endsWith("failed: health");
        assertThat(outcome.getJUnitXml()).contains("<failure");
        assertThat(outcome.getTable() + log).doesNotContain(TOKEN);
    }

    @Test
    void shouldBeRefusedByTheAgentWhenTheTokenIsNotInItsEnvironment() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        assertThatThrownBy(() -> executor(descriptor("health"), Map.of(), log).run(new SmokeRequest("staging")
                .setVersion("1.4.0")))
                .isInstanceOf(ReleaseLedgerException.class)
                .hasMessageContaining("smoke-token")
                .hasMessageNotContainingAny("unknown operation", "Unknown operation");
    }
}
