package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.report.Message;
import io.releaseledger.report.Message.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentResponseTest {
    private static final List<Message> MESSAGES = List.of(new Message(Level.INFO, "Tagged v1.4.0"),
            new Message(Level.WARNING, "remote \"origin\" not found, tag not pushed"),
            new Message(Level.ERROR, "line\nbreak"));

    @Test
    void shouldWriteSuccessInTheDocumentedShape() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", "1.4.0");
        result.put("previousVersion", null);

        assertThat(AgentResponse.success(result, List.of(new Message(Level.INFO, "done"))).toJson()).isEqualTo(
                "{\"protocol\":1,\"ok\":true,\"result\":{\"version\":\"1.4.0\",\"previousVersion\":null},"
                        + "\"messages\":[{\"level\":\"INFO\",\"text\":\"done\"}]}");
    }

    @Test
    void shouldWriteFailureInTheDocumentedShape() {
        assertThat(AgentResponse.failure("semverTag failed", List.of()).toJson())
                .isEqualTo("{\"protocol\":1,\"ok\":false,\"error\":\"semverTag failed\",\"messages\":[]}");
    }

    @Test
    void shouldRoundTripSuccess() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", "1.4.0");
        result.put("releaseBranch", true);
        result.put("commits", List.of(Map.of("id", "abc", "subject", "feat: x")));

        AgentResponse read = AgentResponse.fromJson(AgentResponse.success(result, MESSAGES).toJson());

        assertThat(read.isOk()).isTrue();
        assertThat(read.getError()).isNull();
        assertThat(read.getResult()).isEqualTo(result);
        assertThat(read.getMessages()).isEqualTo(MESSAGES);
    }

    @Test
    void shouldRoundTripFailure() {
        AgentResponse read = AgentResponse.fromJson(AgentResponse.failure("no \"origin\"\tremote", MESSAGES).toJson());

        assertThat(read.isOk()).isFalse();
        assertThat(read.getError()).isEqualTo("no \"origin\"\tremote");
        assertThat(read.getResult()).isNull();
        assertThat(read.getMessages()).isEqualTo(MESSAGES);
    }

    @Test
    void shouldWriteAsciiOnlySoThatAnyAgentCharsetWorks() {
        AgentResponse response = AgentResponse.success(Map.of("subject", "feat: M\u00fcnchen \uD83D\uDE80"),
                List.of(new Message(Level.INFO, "Tag f\u00fcr \u00e9t\u00e9")));

        assertThat(response.toJson().chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(AgentResponse.fromJson(response.toJson()).getResult()).isEqualTo(response.getResult());
        assertThat(AgentResponse.fromJson(response.toJson()).getMessages()).isEqualTo(response.getMessages());
    }

    @Test
    void shouldAcceptMissingMessages() {
        assertThat(AgentResponse.fromJson("{\"protocol\":1,\"ok\":true,\"result\":{}}").getMessages()).isEmpty();
        assertThat(AgentResponse.success(Map.of(), null).getMessages()).isEmpty();
    }

    @Test
    void shouldExplainBadResponses() {
        assertThatThrownBy(() -> AgentResponse.fromJson("Error: Unable to access jarfile x.jar"))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageStartingWith("the agent response is not valid: invalid JSON at line 1, column 1");
        assertThatThrownBy(() -> AgentResponse.fromJson("{\"protocol\":3,\"ok\":true,\"result\":{}}"))
                .hasMessageStartingWith("the agent response uses agent protocol 3 but this side speaks version 1");
        assertThatThrownBy(() -> AgentResponse.fromJson("{\"protocol\":1,\"result\":{}}"))
                .hasMessage("the agent response needs a boolean \"ok\", found null");
        assertThatThrownBy(() -> AgentResponse.fromJson("{\"protocol\":1,\"ok\":true,\"result\":\"1.0.0\"}"))
                .hasMessage("the agent response is not valid: \"ok\" is true but \"result\" is a string, not an object");
        assertThatThrownBy(() -> AgentResponse.fromJson("{\"protocol\":1,\"ok\":false}"))
                .hasMessage("the agent response needs a non-empty string \"error\", found null");
        assertThatThrownBy(() -> AgentResponse.fromJson(
                "{\"protocol\":1,\"ok\":false,\"error\":\"x\",\"messages\":[{\"level\":\"DEBUG\",\"text\":\"t\"}]}"))
                .hasMessage("the agent response is not valid: unknown message level \"DEBUG\" (expected INFO, WARNING or ERROR)");
        assertThatThrownBy(() -> AgentResponse.fromJson(
                "{\"protocol\":1,\"ok\":false,\"error\":\"x\",\"messages\":[\"text\"]}"))
                .hasMessage("the agent response is not valid: every message needs a string \"level\" and \"text\", found \"text\"");
        assertThatThrownBy(() -> AgentResponse.fromJson("{\"protocol\":1,\"ok\":false,\"error\":\"x\",\"messages\":{}}"))
                .hasMessage("the agent response is not valid: \"messages\" must be an array, found an object");
    }

    @Test
    void shouldRequireResultOrError() {
        assertThatThrownBy(() -> AgentResponse.success(null, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AgentResponse.failure(null, List.of())).isInstanceOf(NullPointerException.class);
    }
}
