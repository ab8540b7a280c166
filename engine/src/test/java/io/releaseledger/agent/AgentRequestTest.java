package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentRequestTest {
    @Test
    void shouldWriteTheDocumentedShape() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("prefix", "v");
        options.put("paths", List.of("api/"));
        options.put("dryRun", false);
        options.put("push", true);

        assertThat(new AgentRequest("semverTag", "/home/agent/ws/app", options).toJson()).isEqualTo(
                "{\"protocol\":1,\"operation\":\"semverTag\",\"workspace\":\"/home/agent/ws/app\","
                        + "\"options\":{\"prefix\":\"v\",\"paths\":[\"api/\"],\"dryRun\":false,\"push\":true}}");
    }

    @Test
    void shouldRoundTrip() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("prefix", "api/v");
        options.put("maxPushAttempts", 5L);
        options.put("environment", Map.of("BRANCH_NAME", "feature/ä \"quoted\""));
        options.put("branch", null);
        AgentRequest request = new AgentRequest("semverTag", "C:\\ws\\app", options);

        AgentRequest read = AgentRequest.fromJson(request.toJson());

        assertThat(read.getOperation()).isEqualTo("semverTag");
        assertThat(read.getWorkspace()).isEqualTo("C:\\ws\\app");
        assertThat(read.getOptions()).isEqualTo(options);
    }

    @Test
    void shouldTreatMissingOptionsAsNone() {
        AgentRequest request = AgentRequest.fromJson(
                "{\"protocol\": 1, \"operation\": \"semverTag\", \"workspace\": \"/ws\"}");

        assertThat(request.getOptions()).isEmpty();
        assertThat(new AgentRequest("semverTag", "/ws", null).getOptions()).isEmpty();
    }

    @Test
    void shouldKeepOptionsUnmodifiable() {
        Map<String, Object> options = new LinkedHashMap<>(Map.of("prefix", "v"));
        AgentRequest request = new AgentRequest("semverTag", "/ws", options);
        options.put("prefix", "changed");

        assertThat(request.getOptions()).containsEntry("prefix", "v");
        assertThatThrownBy(() -> request.getOptions().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRefuseAnotherProtocolVersion() {
        assertThatThrownBy(() -> AgentRequest.fromJson("{\"protocol\": 2, \"operation\": \"semverTag\", \"workspace\": \"/ws\"}"))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessage("the agent request uses agent protocol 2 but this side speaks version 1; the plugin and "
                        + "the CLI jar it runs on the agent must come from the same release");
        assertThatThrownBy(() -> AgentRequest.fromJson("{\"protocol\": \"1\", \"operation\": \"x\", \"workspace\": \"/ws\"}"))
                .hasMessageContaining("uses agent protocol \"1\" but this side speaks version 1");
        assertThatThrownBy(() -> AgentRequest.fromJson("{\"operation\": \"semverTag\", \"workspace\": \"/ws\"}"))
                .hasMessage("the agent request has no \"protocol\" field; this side speaks agent protocol 1");
    }

    @Test
    void shouldExplainBadRequests() {
        assertThatThrownBy(() -> AgentRequest.fromJson(""))
                .hasMessage("the agent request is empty; expected one JSON object");
        assertThatThrownBy(() -> AgentRequest.fromJson("{\"protocol\": 1,"))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageStartingWith("the agent request is not valid: invalid JSON at line 1, column 16");
        assertThatThrownBy(() -> AgentRequest.fromJson("[1]"))
                .hasMessage("the agent request is not valid: expected a JSON object but found an array");
        assertThatThrownBy(() -> AgentRequest.fromJson("{\"protocol\": 1, \"workspace\": \"/ws\"}"))
                .hasMessage("the agent request needs a non-empty string \"operation\", found null");
        assertThatThrownBy(() -> AgentRequest.fromJson("{\"protocol\": 1, \"operation\": \"semverTag\", \"workspace\": 3}"))
                .hasMessage("the agent request needs a non-empty string \"workspace\", found an integer");
        assertThatThrownBy(() -> AgentRequest.fromJson(
                "{\"protocol\": 1, \"operation\": \"semverTag\", \"workspace\": \"/ws\", \"options\": []}"))
                .hasMessage("the agent request needs an object \"options\", found an array");
    }

    @Test
    void shouldRequireOperationAndWorkspace() {
        assertThatThrownBy(() -> new AgentRequest(" ", "/ws", Map.of())).hasMessage("operation must not be blank");
        assertThatThrownBy(() -> new AgentRequest("semverTag", null, Map.of())).hasMessage("workspace");
    }
}
