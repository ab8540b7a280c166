package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployCredentialVariablesTest {
    private static final String DESCRIPTOR = """
            schemaVersion: 1
            application: shop
            image: registry.example.com:5000/team/shop
            environments:
              - name: staging
                hosts: [unix:///var/run/docker.sock]
                container:
                  env:
                    LOG_LEVEL: info
                    DB_PASSWORD:
                      secret: {env: SHOP_DB_PASSWORD}
              - name: production
                hosts:
                  - url: tcp://app1.example.com:2376
                    tls: {credentialsId: docker-prod-tls}
                  - url: tcp://app2.example.com:2376
                    tls: {credentialsId: docker-prod-tls}
                container:
                  env:
                    DB_PASSWORD:
                      secret: {credentialsId: shop-production-db}
                    API_TOKEN:
                      secret: {credentialsId: shop-api-token}
                    OTHER_DB_PASSWORD:
                      secret: {credentialsId: shop-production-db}
            """;

    private static EnvironmentSpec environment(final String text, final String name) {
        ReleaseDescriptor descriptor = DescriptorLoader.parse(text, "release-ledger.yaml");
        return descriptor.getEnvironment(name).orElseThrow();
    }

    @Test
    void shouldNumberEveryCredentialsIdOnceInDescriptorOrder() {
        Map<String, Map<String, String>> credentials = DeployCredentialVariables.of(environment(DESCRIPTOR, "production"));

        assertThat(credentials.keySet()).containsExactly("shop-production-db", "shop-api-token", "docker-prod-tls");
        assertThat(credentials.get("shop-production-db"))
                .containsEntry("kind", "secret").containsEntry("variable", "RELEASE_LEDGER_CREDENTIAL_1");
        assertThat(credentials.get("shop-api-token")).containsEntry("variable", "RELEASE_LEDGER_CREDENTIAL_2");
        assertThat(credentials.get("docker-prod-tls"))
                .containsEntry("kind", "dockerTls").containsEntry("variable", "RELEASE_LEDGER_CREDENTIAL_3");
    }

    @Test
    void shouldNeedNoCredentialsForCliSecretsAndTheLocalSocket() {
        assertThat(DeployCredentialVariables.of(environment(DESCRIPTOR, "staging"))).isEmpty();
    }

    @Test
    void shouldRefuseOneIdUsedAsTwoKinds() {
        String mixed = DESCRIPTOR.replace("{credentialsId: shop-api-token}", "{credentialsId: docker-prod-tls}");

        assertThatThrownBy(() -> DeployCredentialVariables.of(environment(mixed, "production")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'docker-prod-tls'");
    }

    @Test
    void shouldPutValuesOnlyInTheAgentsEnvironmentVariables() {
        assertThat(DeployCredentialVariables.secretText("RELEASE_LEDGER_CREDENTIAL_1", "s3cr3t"))
                .containsExactly(Map.entry("RELEASE_LEDGER_CREDENTIAL_1", "s3cr3t"));
        assertThat(DeployCredentialVariables.dockerTls("RELEASE_LEDGER_CREDENTIAL_3", "ca", "cert", "key"))
                .containsExactly(Map.entry("RELEASE_LEDGER_CREDENTIAL_3_CA", "ca"),
                        Map.entry("RELEASE_LEDGER_CREDENTIAL_3_CERT", "cert"),
                        Map.entry("RELEASE_LEDGER_CREDENTIAL_3_KEY", "key"));
        assertThat(DeployCredentialVariables.registry("ci", "pw")).containsExactly(
                Map.entry("RELEASE_LEDGER_REGISTRY_USERNAME", "ci"), Map.entry("RELEASE_LEDGER_REGISTRY_PASSWORD", "pw"));
        assertThat(List.copyOf(DeployCredentialVariables.of(environment(DESCRIPTOR, "production")).values()).toString())
                .doesNotContain("s3cr3t");
    }

    @Test
    void shouldBindTheSecretsOfTheHealthGateAndOfThePerServerSmokeChecks() {
        String gated = """
                schemaVersion: 1
                application: shop
                image: registry.example.com:5000/team/shop
                environments:
                  - name: staging
                    hosts: [unix:///var/run/docker.sock]
                    container: {ports: ["8080:80"]}
                    healthGate:
                      smokeChecks: SWITCH
                      checks:
                        - http: {url: /health, token: {header: X-Gate, secret: {credentialsId: gate-token}}}
                    smokeChecks:
                      checks:
                        - http: {url: /api, token: {header: X-Smoke, secret: {credentialsId: smoke-token}}}
                """;

        assertThat(DeployCredentialVariables.deploy(environment(gated.replace("SWITCH", "true"), "staging")))
                .containsOnlyKeys("gate-token", "smoke-token");
        assertThat(DeployCredentialVariables.deploy(environment(gated.replace("SWITCH", "false"), "staging")))
                .containsOnlyKeys("gate-token");
        assertThat(DeployCredentialVariables.of(environment(gated.replace("SWITCH", "true"), "staging"))).isEmpty();
    }
}
