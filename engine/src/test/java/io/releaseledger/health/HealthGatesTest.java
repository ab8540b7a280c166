package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.HealthGateSpec;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.DockerHost;
import io.releaseledger.docker.javaclient.DockerJavaEngine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthGatesTest {
    @TempDir
    Path temp;

    @Test
    void shouldMapEveryCheckOfTheDescriptor() {
        HealthGateSpec spec = gate("""
                      timeout: 45s
                      interval: 500ms
                      checks:
                        - http: {url: /health, status: 204, timeout: 3s}
                        - tcp: {address: "{address}:{port}", timeout: 2s}
                        - container: {healthy: false, stableFor: 7s}
                """);
        try (ContainerEngine engine = engine()) {
            HealthGate gate = HealthGates.from(spec, engine);

            assertThat(gate.getTimeout()).isEqualTo(Duration.ofSeconds(45));
            assertThat(gate.getInterval()).isEqualTo(Duration.ofMillis(500));
            assertThat(gate.getChecks()).extracting(HealthCheck::getKind).containsExactly("http", "tcp", "container");
            assertThat(gate.getChecks()).extracting(HealthCheck::getName)
                    .containsExactly("http http://{address}:{port}/health", "tcp {address}:{port}", "container");
            HttpCheck http = (HttpCheck) gate.getChecks().get(0);
            assertThat(http.getUrlTemplate()).isEqualTo("http://{address}:{port}/health");
            assertThat(http.getTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(((TcpCheck) gate.getChecks().get(1)).getTimeout()).isEqualTo(Duration.ofSeconds(2));
            ContainerCheck container = (ContainerCheck) gate.getChecks().get(2);
            assertThat(container.isHealthy()).isFalse();
            assertThat(container.getStableFor()).isEqualTo(Duration.ofSeconds(7));
        }
    }

    @Test
    void shouldRunTheMappedHttpAndTcpChecks() throws IOException {
        HealthGateSpec spec = gate("""
                      timeout: 5s
                      interval: 100ms
                      checks:
                        - http: {url: /health, status: 200}
                        - tcp
                """);
        try (ContainerEngine engine = engine();
                TestServer server = new TestServer("/", (exchange, n) ->
                        TestServer.answer(exchange, n == 1 ? 500 : 200, "ok"))) {
            GateResult result = HealthGates.from(spec, engine).await(server.target());

            assertThat(result.isPassed()).as(result.describe()).isTrue();
            assertThat(result.getAttempts()).isEqualTo(2);
            assertThat(result.getResults()).extracting(CheckResult::getKind).containsExactly("http", "tcp");
        }
    }

    @Test
    void shouldFillTheInstancePlaceholders() {
        HealthGateSpec spec = gate("""
                      checks:
                        - http: "http://{address}:{port}/{environment}/{host}/{instance}"
                """);
        try (ContainerEngine engine = engine()) {
            assertThatThrownBy(() -> HealthGates.from(spec, engine)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("{environment}");

            HealthGate gate = HealthGates.from(spec, engine, "staging", "app1", 2);

            assertThat(((HttpCheck) gate.getChecks().get(0)).getUrlTemplate())
                    .isEqualTo("http://{address}:{port}/staging/app1/2");
            HealthGate withSecrets = HealthGates.from(spec, engine, SecretResolver.none(), "staging", "app1", 2);
            assertThat(((HttpCheck) withSecrets.getChecks().get(0)).getUrlTemplate())
                    .isEqualTo("http://{address}:{port}/staging/app1/2");
        }
    }

    @Test
    void shouldDefaultToTheContainerCheck() {
        try (ContainerEngine engine = engine()) {
            HealthGate gate = HealthGates.from(gate(""), engine);

            assertThat(gate.getChecks()).extracting(HealthCheck::getKind).containsExactly("container");
            assertThat(gate.getTimeout()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void shouldSendTheSecretHeaderOfAGateCheckAndKeepItsValueOutOfTheResults() throws IOException {
        String token = "gate-token-93af1";
        HealthGateSpec spec = gate("""
                      timeout: 2s
                      interval: 100ms
                      checks:
                        - http: {url: /health, token: {header: X-Gate-Token, secret: {env: GATE_TOKEN}}}
                """);
        try (ContainerEngine engine = engine();
                TestServer server = new TestServer("/", (exchange, n) -> TestServer.answer(exchange,
                        token.equals(exchange.getRequestHeaders().getFirst("X-Gate-Token")) ? 200 : 401,
                        "token " + exchange.getRequestHeaders().getFirst("X-Gate-Token")))) {
            assertThatThrownBy(() -> HealthGates.from(spec, engine)).hasMessageContaining("GATE_TOKEN");

            GateResult result = HealthGates.from(spec, engine,
                    SecretResolver.fromEnvironment(Map.of("GATE_TOKEN", token))).await(server.target());

            assertThat(result.isPassed()).as(result.describe()).isTrue();
            assertThat(result.toJson().toString() + result.describe()).doesNotContain(token);
        }
    }

    @Test
    void shouldRunTheSmokeChecksPerServerUnlessTheGateSwitchesThemOff() {
        assertThat(gate("").isSmokeChecks()).isTrue();
        assertThat(gate("      timeout: 10s\n").isSmokeChecks()).isTrue();
        assertThat(gate("      smokeChecks: false\n").isSmokeChecks()).isFalse();
        assertThatThrownBy(() -> gate("      smokeChecks: sometimes\n")).hasMessageContaining("smokeChecks")
                .hasMessageContaining("true or false");
    }

    /** An engine on a socket that does not exist: these tests never reach it. */
    private ContainerEngine engine() {
        return DockerJavaEngine.connect(DockerHost.unixSocket(temp.resolve("docker.sock")));
    }

    private static HealthGateSpec gate(final String gate) {
        String text = """
                schemaVersion: 1
                application: shop
                image: 127.0.0.1:5000/shop
                environments:
                  - name: staging
                    hosts: [unix:///var/run/docker.sock]
                    container: {network: host}
                    instances: {ports: [8081]}
                """ + (gate.isEmpty() ? "" : "    healthGate:\n" + gate);
        return DescriptorLoader.parse(text).getEnvironments().get(0).getHealthGate();
    }
}
