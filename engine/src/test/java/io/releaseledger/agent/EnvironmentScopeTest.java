package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.deploy.DriftExpectation;
import io.releaseledger.docker.ContainerEngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The opening the deploy, drift and smoke operations share: environment, request, credentials, mask. */
class EnvironmentScopeTest {
    private static final String DESCRIPTOR = "schemaVersion: 1\n"
            + "application: shop\n"
            + "image: 127.0.0.1:5000/shop\n"
            + "environments:\n"
            + "  - name: dev\n"
            + "    hosts: [unix:///var/run/docker.sock]\n"
            + "    container:\n"
            + "      env:\n"
            + "        TOKEN: {secret: {credentialsId: shop-token}}\n";
    private static final String TLS_DESCRIPTOR = "schemaVersion: 1\n"
            + "application: shop\n"
            + "image: 127.0.0.1:5000/shop\n"
            + "environments:\n"
            + "  - name: dev\n"
            + "    hosts:\n"
            + "      - url: tcp://127.0.0.1:23760\n"
            + "        name: app1\n"
            + "        tls: {credentialsId: docker-app1-tls}\n";
    private static final Set<String> KNOWN = Set.of("descriptor", "descriptorSource", "environment", "credentials",
            "request", DeployProtocol.OVERRIDES);

    private static Map<String, Object> options(final String environment) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("descriptor", DESCRIPTOR);
        options.put("descriptorSource", "release-ledger.yaml");
        options.put("environment", environment);
        return options;
    }

    private static OptionReader reader(final Map<String, Object> options) {
        return new OptionReader("test.op", options, KNOWN);
    }

    private static Map<String, Object> withToken(final Map<String, Object> options) {
        options.put("credentials", Map.of("shop-token", DeployProtocol.credential(DeployProtocol.KIND_SECRET,
                "RELEASE_LEDGER_TOKEN")));
        return options;
    }

    @Test
    void shouldNameTheDescriptorWhenItHasNoSuchEnvironment() {
        assertThatThrownBy(() -> EnvironmentScope.forChange(reader(options("prod")), Map.of()))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageContaining("the descriptor release-ledger.yaml has no environment 'prod'");
    }

    @Test
    void shouldRefuseARequestForAnotherEnvironment() {
        Map<String, Object> options = options("dev");
        options.put("request", new DriftExpectation("prod", null, null, List.of()).toJson());

        assertThatThrownBy(() -> EnvironmentScope.forReading(reader(options), Map.of(), "drift",
                DriftExpectation::fromJson, DriftExpectation::getEnvironment))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageContaining("the drift request is for environment 'prod', the options name 'dev'");
    }

    @Test
    void shouldRequireTheEnvironmentsCredentialsBeforeAChangeOnly() {
        assertThatThrownBy(() -> EnvironmentScope.forChange(reader(options("dev")), Map.of()))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageContaining("credentials 'shop-token' (used by environment variable TOKEN) were not provided");

        Map<String, Object> options = options("dev");
        options.put("request", new DriftExpectation("dev", null, null, List.of()).toJson());
        try (EnvironmentScope<DriftExpectation> scope = EnvironmentScope.forReading(reader(options), Map.of(),
                "drift", DriftExpectation::fromJson, DriftExpectation::getEnvironment)) {
            assertThat(scope.environment().getName()).isEqualTo("dev");
            assertThat(scope.request().getEnvironment()).isEqualTo("dev");
        }
    }

    @Test
    void shouldNameTheTlsCredentialsAReadLacksInsteadOfWritingEmptyCertificates() {
        Map<String, Object> options = options("dev");
        options.put("descriptor", TLS_DESCRIPTOR);
        options.put("request", new DriftExpectation("dev", null, null, List.of()).toJson());

        assertThatThrownBy(() -> EnvironmentScope.forReading(reader(options), Map.of(), "drift",
                DriftExpectation::fromJson, DriftExpectation::getEnvironment))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageContaining("credentials 'docker-app1-tls' (used by the TLS of host app1) were not provided");
    }

    @Test
    void shouldKeepATlsCredentialInMemoryAndItsKeyOutOfTheMessage() throws IOException {
        String keyLine = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> options = options("dev");
        options.put("descriptor", TLS_DESCRIPTOR);
        options.put("credentials", Map.of("docker-app1-tls", DeployProtocol.credential(DeployProtocol.KIND_DOCKER_TLS,
                "RELEASE_LEDGER_CREDENTIAL_1")));
        options.put("request", new DriftExpectation("dev", null, null, List.of()).toJson());
        Map<String, String> agent = Map.of("RELEASE_LEDGER_CREDENTIAL_1_CA", "-----BEGIN CERTIFICATE-----\nMIIB\n",
                "RELEASE_LEDGER_CREDENTIAL_1_CERT", "-----BEGIN CERTIFICATE-----\nMIIC\n",
                "RELEASE_LEDGER_CREDENTIAL_1_KEY", "-----BEGIN PRIVATE KEY-----\n" + keyLine
                        + "\n-----END PRIVATE KEY-----\n");

        try (EnvironmentScope<DriftExpectation> scope = EnvironmentScope.forReading(reader(options), agent, "drift",
                DriftExpectation::fromJson, DriftExpectation::getEnvironment)) {
            assertThat(filesHolding(keyLine)).as("no PEM file holds the key while the scope is open").isEmpty();
            assertThatThrownBy(() -> scope.targets().engine("app1"))
                    .isInstanceOf(ContainerEngineException.class)
                    .hasMessageContaining("cannot use the TLS credentials 'docker-app1-tls'")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyLine))
                    .satisfies(e -> assertThat(e.getCause()).isNull());
        }
    }

    /** The files of the agent's former PEM directories ({@code release-ledger-tls-*} in the temporary directory). */
    private static List<Path> filesHolding(final String text) throws IOException {
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path directory : entries.filter(p -> p.getFileName().toString().startsWith("release-ledger-tls-"))
                    .toList()) {
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        if (Files.isReadable(file) && Files.readString(file).contains(text)) {
                            holding.add(file);
                        }
                    }
                } catch (IOException e) {
                    // another user's directory, or deleted meanwhile: not this test's
                }
            }
        }
        return holding;
    }

    @Test
    void shouldMaskTheValuesOfTheCredentialsTheRequestBrought() {
        try (EnvironmentScope<Void> scope = EnvironmentScope.forChange(reader(withToken(options("dev"))),
                Map.of("RELEASE_LEDGER_TOKEN", "s3cr3t-value"))) {
            assertThat(scope.request()).isNull();
            assertThat(scope.credentials().secret(scope.environment().getContainer().getEnv().get(0)
                    .getSecret()))
                    .isEqualTo("s3cr3t-value");
            assertThat(scope.mask().mask("token s3cr3t-value")).doesNotContain("s3cr3t-value");
        }
    }
}
