package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.deploy.DriftExpectation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        options.put("descriptor", "schemaVersion: 1\n"
                + "application: shop\n"
                + "image: 127.0.0.1:5000/shop\n"
                + "environments:\n"
                + "  - name: dev\n"
                + "    hosts:\n"
                + "      - url: tcp://127.0.0.1:23760\n"
                + "        name: app1\n"
                + "        tls: {credentialsId: docker-app1-tls}\n");
        options.put("request", new DriftExpectation("dev", null, null, List.of()).toJson());

        assertThatThrownBy(() -> EnvironmentScope.forReading(reader(options), Map.of(), "drift",
                DriftExpectation::fromJson, DriftExpectation::getEnvironment))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageContaining("credentials 'docker-app1-tls' (used by the TLS of host app1) were not provided");
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
