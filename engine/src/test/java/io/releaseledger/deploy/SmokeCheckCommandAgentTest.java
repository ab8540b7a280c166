package io.releaseledger.deploy;

import io.releaseledger.agent.AgentProtocolException;
import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.agent.SmokeOperation;
import io.releaseledger.agent.SmokeProtocol;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import io.releaseledger.report.Messages;
import io.releaseledger.smoke.SmokeServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Jenkins split without Jenkins: the command records "on the controller", the checks run as the agent's
 * {@code smoke.run} operation, and everything crosses as the JSON of the wire. The header token is bound through the
 * credentials map, as the plugin binds it.
 */
class SmokeCheckCommandAgentTest {
    private static final Actor ALICE = new Actor("alice", "Alice");
    private static final Origin ORIGIN = Origin.cli("alice", "test");
    private static final String TOKEN = "agent-token-9c2e71d04b";
    private static final String VARIABLE = "RELEASE_LEDGER_CREDENTIAL_1";

    @TempDir
    Path directory;

    private static String descriptor(final int port) {
        return """
                schemaVersion: 1
                application: smoketest
                image: 127.0.0.1:5000/rltest/smoketest
                environments:
                  - name: staging
                    hosts: [unix:///var/run/docker.sock]
                    smokeChecks:
                      checks:
                        - http: {url: "http://127.0.0.1:%1$d/api", name: api, json: {/status: UP},
                                 token: {secret: {credentialsId: smoke-token}}}
                        - http: {url: "http://127.0.0.1:%1$d/echo", name: echo, bodyContains: "all good"}
                """.formatted(port);
    }

    private static SmokeServer server() throws IOException {
        return new SmokeServer((exchange, n) -> {
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (path.equals("/api") && ("Bearer " + TOKEN).equals(authorization)) {
                SmokeServer.answer(exchange, 200, "{\"status\":\"UP\"}");
            } else {
                // Echoes what it was sent: a leak of the token into results would show here.
                SmokeServer.answer(exchange, path.equals("/echo") ? 200 : 401, "all good; you sent " + authorization);
            }
        });
    }

    /** What the plugin's executor does: JSON out, the agent's operation, JSON back. */
    private static final class WireExecutor implements SmokeCheckExecutor {
        private final String descriptorText;
        private final Map<String, Map<String, String>> credentials;
        private final Map<String, String> agentEnvironment;
        final List<String> live = Collections.synchronizedList(new ArrayList<>());
        final List<String> wire = new ArrayList<>();

        WireExecutor(final String descriptorText, final Map<String, Map<String, String>> credentials,
                final Map<String, String> agentEnvironment) {
            this.descriptorText = descriptorText;
            this.credentials = credentials;
            this.agentEnvironment = agentEnvironment;
        }

        @Override
        public SmokeOutcome run(final SmokeRequest request) {
            AgentRequest agentRequest = AgentRequest.fromJson(new AgentRequest(SmokeProtocol.RUN, "/tmp",
                    SmokeProtocol.runOptions(descriptorText, "release-ledger.yaml", request.getEnvironment(),
                            credentials, request)).toJson());
            Messages response = new Messages();
            Map<String, Object> result = new SmokeOperation(agentEnvironment, live::add).run(agentRequest, response);
            assertThat(response.getAll()).as("smoke.run prints live, not in the response").isEmpty();
            String json = Json.writeAscii(result);
            wire.add(json);
            return SmokeProtocol.readOutcome(Json.parseObject(json));
        }
    }

    private static void deployed(final Ledger ledger) {
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, ALICE, ORIGIN).setEnvironment("staging")
                .setData(Map.of("deploymentId", "d1", "version", "2.0.0")));
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ALICE, ORIGIN).setEnvironment("staging")
                .setData(Map.of("deploymentId", "d1", "version", "2.0.0")));
    }

    @Test
    void shouldRunOnTheAgentWithTheBoundTokenAndRecordOnTheController() throws IOException {
        try (SmokeServer server = server(); Ledger ledger = Ledger.open(directory, "smoketest")) {
            String text = descriptor(server.port());
            deployed(ledger);
            WireExecutor agent = new WireExecutor(text, Map.of("smoke-token",
                    DeployProtocol.credential(DeployProtocol.KIND_SECRET, VARIABLE)), Map.of(VARIABLE, TOKEN));

            SmokeCheckResult result = new SmokeCheckCommand(io.releaseledger.descriptor.DescriptorLoader.parse(text,
                    "release-ledger.yaml"), "staging", ledger, agent).setActor(ALICE).setOrigin(ORIGIN).call();

            assertThat(result.isPassed()).as(result.getOutcome().getTable()).isTrue();
            assertThat(result.getOutcome().getTable()).contains("api", "echo", "Smoke checks passed: 2 of 2");
            assertThat(result.getOutcome().getJUnitXml()).contains("<testsuite", "smoke staging");
            assertThat(agent.live).anySatisfy(line -> assertThat(line).contains("Running 2 smoke checks against "
                    + "staging (2.0.0)"));
            List<Map<String, Object>> recorded = new ArrayList<>();
            for (LedgerEvent event : ledger.events("staging")) {
                if (EventTypes.CHECK_RECORDED.equals(event.getType())) {
                    recorded.add(event.getData());
                }
            }
            assertThat(recorded).singleElement().satisfies(data -> assertThat(data).containsEntry("run", "smoke")
                    .containsEntry("version", "2.0.0").containsEntry("passed", true));
            String everything = String.join("\n", agent.wire) + String.join("\n", agent.live)
                    + Json.write(recorded) + result.getOutcome().getTable() + result.getOutcome().getJUnitXml()
                    + result.getOutcome().getSummary();
            assertThat(everything).doesNotContain(TOKEN);
        }
    }

    @Test
    void shouldMaskTheTokenEvenWhenAServerEchoesItIntoAFailure() throws IOException {
        try (SmokeServer server = server(); Ledger ledger = Ledger.open(directory, "smoketest")) {
            // The token goes to /echo too: its body then holds the token, and the check fails and shows the body.
            String text = descriptor(server.port()).replace("name: echo, bodyContains: \"all good\"",
                    "name: echo, bodyContains: \"never there\", token: {secret: {credentialsId: smoke-token}}");
            deployed(ledger);
            WireExecutor agent = new WireExecutor(text, Map.of("smoke-token",
                    DeployProtocol.credential(DeployProtocol.KIND_SECRET, VARIABLE)), Map.of(VARIABLE, TOKEN));

            SmokeCheckResult result = new SmokeCheckCommand(io.releaseledger.descriptor.DescriptorLoader.parse(text,
                    "release-ledger.yaml"), "staging", ledger, agent).setActor(ALICE).setOrigin(ORIGIN).call();

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getOutcome().getTable()).contains("FAIL", "you sent Bearer ****");
            String everything = String.join("\n", agent.wire) + String.join("\n", agent.live)
                    + Json.write(ledger.events(null).stream().map(LedgerEvent::getData).toList())
                    + result.getOutcome().getTable() + result.getOutcome().getJUnitXml();
            assertThat(everything).doesNotContain(TOKEN);
        }
    }

    @Test
    void shouldRefuseToRunWhenTheCredentialsWereNotProvided() throws IOException {
        try (SmokeServer server = server(); Ledger ledger = Ledger.open(directory, "smoketest")) {
            String text = descriptor(server.port());
            deployed(ledger);
            WireExecutor agent = new WireExecutor(text, Map.of(), Map.of(VARIABLE, TOKEN));

            assertThatThrownBy(() -> new SmokeCheckCommand(io.releaseledger.descriptor.DescriptorLoader.parse(text,
                    "release-ledger.yaml"), "staging", ledger, agent).call())
                    .isInstanceOf(AgentProtocolException.class)
                    .hasMessageContaining("credentials 'smoke-token'").hasMessageContaining("no check was run");
            assertThat(server.port()).isPositive();
            assertThat(ledger.events("staging")).extracting(LedgerEvent::getType)
                    .doesNotContain(EventTypes.CHECK_RECORDED);
        }
    }

    @Test
    void shouldReadTheOutcomeOrFailWithAProtocolError() {
        assertThatThrownBy(() -> SmokeProtocol.readOutcome(Map.of("passed", true)))
                .isInstanceOf(AgentProtocolException.class).hasMessageContaining("smoke.run");
    }
}
