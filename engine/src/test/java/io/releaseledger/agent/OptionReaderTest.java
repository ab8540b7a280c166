package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.json.Json;
import io.releaseledger.report.Messages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one reader of the agent operations' options: objects and credentials, and the messages that name both. */
class OptionReaderTest {
    private static final String DESCRIPTOR = """
            schemaVersion: 1
            application: shop
            image: 127.0.0.1:5000/shop
            environments:
              - name: web
                hosts: [unix:///nonexistent/docker.sock]
            """;

    private static OptionReader reader(final Map<String, Object> options) {
        return new OptionReader("deploy.plan", options, Set.of("credentials", "request"));
    }

    @Test
    void shouldReadAnObjectOption() {
        assertThat(reader(Map.of("request", Map.of("version", "1.0.0"))).object("request"))
                .containsExactly(Map.entry("version", "1.0.0"));
    }

    @Test
    void shouldRefuseAnObjectOptionOfAnotherType() {
        assertThatThrownBy(() -> reader(Map.of("request", "1.0.0")).object("request"))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessage("option \"request\" of deploy.plan must be an object, found the string \"1.0.0\"");
        assertThatThrownBy(() -> reader(Map.of()).object("request"))
                .hasMessage("option \"request\" of deploy.plan must be an object, found null");
    }

    @Test
    void shouldReadNoCredentialsWhenTheOptionIsAbsentOrNull() {
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("credentials", null);

        assertThat(reader(Map.of()).credentials()).isEmpty();
        assertThat(reader(none).credentials()).isEmpty();
    }

    @Test
    void shouldReadCredentialsAsStringsAndAValueOfAnotherTypeAsMissing() {
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("kind", "certificate");
        tls.put("variable", 7L);

        Map<String, Map<String, String>> credentials = reader(Map.of("credentials", Map.of("docker-tls", tls)))
                .credentials();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("kind", "certificate");
        expected.put("variable", null);
        assertThat(credentials).containsExactly(Map.entry("docker-tls", expected));
    }

    @Test
    void shouldRefuseCredentialsThatAreNotObjects() {
        assertThatThrownBy(() -> reader(Map.of("credentials", "docker-tls")).credentials())
                .hasMessage("option \"credentials\" of deploy.plan must be an object, found the string \"docker-tls\"");
        assertThatThrownBy(() -> reader(Map.of("credentials", Map.of("docker-tls", "certificate"))).credentials())
                .hasMessage("credentials 'docker-tls' of deploy.plan must be {kind, variable}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            drift.observe | "request": 3           | option "request" of drift.observe must be an object, found an integer
            smoke.run     | "request": "run"       | option "request" of smoke.run must be an object, found the string "run"
            deploy.plan   | "credentials": []      | option "credentials" of deploy.plan must be an object, found an array
            deploy.execute| "credentials": {"a": 1}| credentials 'a' of deploy.execute must be {kind, variable}
            """)
    void shouldGiveEveryOperationTheSameMessages(final String operation, final String option, final String message) {
        Map<String, Object> options = new LinkedHashMap<>(Json.parseObject("{" + option + "}"));
        options.put("descriptor", DESCRIPTOR);
        options.put("environment", "web");
        AgentRequest request = new AgentRequest(operation, "/ws", options);

        assertThatThrownBy(() -> operation(operation).run(request, new Messages()))
                .isInstanceOf(AgentProtocolException.class).hasMessage(message);
    }

    private static AgentOperation operation(final String name) {
        return switch (name) {
            case DriftProtocol.OBSERVE -> new DriftOperation(Map.of());
            case SmokeProtocol.RUN -> new SmokeOperation(Map.of(), line -> { });
            default -> new DeployOperation(name, Map.of(), line -> { });
        };
    }
}
