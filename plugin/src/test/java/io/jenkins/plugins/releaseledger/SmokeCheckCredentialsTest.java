package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which credentials smokeCheck binds: the checks' secrets, the hosts' TLS for container checks, the deploy's for a rollback. */
class SmokeCheckCredentialsTest {
    private static final String DESCRIPTOR = """
            schemaVersion: 1
            application: shop
            image: registry.example.com:5000/team/shop
            environments:
              - name: production
                hosts:
                  - url: tcp://app1.example.com:2376
                    tls: {credentialsId: docker-prod-tls}
                container:
                  env:
                    DB_PASSWORD:
                      secret: {credentialsId: shop-production-db}
                smokeChecks:
                  checks:
                    - http:
                        name: cart API
                        url: https://shop.example.com/api/cart
                        token: {header: Authorization, prefix: "Bearer ", secret: {credentialsId: shop-api-token}}
                    - http:
                        name: back office
                        url: https://shop.example.com/office/
                        basicAuth: {username: monitor, password: {credentialsId: office-monitor}}
                    - http:
                        name: reports
                        url: https://shop.example.com/reports/
                        token: {secret: {env: REPORTS_TOKEN}}
                    - http:
                        name: cart again
                        url: https://shop.example.com/api/cart?again
                        token: {header: Authorization, prefix: "Bearer ", secret: {credentialsId: shop-api-token}}
            """;

    private static EnvironmentSpec production(final String text) {
        return DescriptorLoader.parse(text, "release-ledger.yaml").getEnvironment("production").orElseThrow();
    }

    @Test
    void shouldBindOnlyTheChecksSecretsWithoutARollback() {
        Map<String, Map<String, String>> credentials = DeployCredentialVariables.smokeCheck(production(DESCRIPTOR), false);

        assertThat(credentials.keySet()).containsExactly("shop-api-token", "office-monitor");
        assertThat(credentials.get("shop-api-token")).containsEntry("kind", "secret")
                .containsEntry("variable", "RELEASE_LEDGER_CREDENTIAL_1");
        assertThat(credentials.get("office-monitor")).containsEntry("variable", "RELEASE_LEDGER_CREDENTIAL_2");
    }

    @Test
    void shouldAddTheHostsTlsForAContainerCheckOnUnusedVariables() {
        String withContainer = DESCRIPTOR.replace("        - http:\n            name: reports",
                "        - container: {healthy: true}\n        - http:\n            name: reports");
        assertThat(withContainer).contains("container:");
        Map<String, Map<String, String>> credentials = DeployCredentialVariables.smokeCheck(production(withContainer), false);

        assertThat(credentials.keySet()).containsExactly("docker-prod-tls", "shop-api-token", "office-monitor");
        // the TLS entry keeps the deploy's variable (…_2); the checks' secrets take the free numbers
        assertThat(credentials.get("docker-prod-tls")).containsEntry("kind", "dockerTls")
                .containsEntry("variable", "RELEASE_LEDGER_CREDENTIAL_2");
        assertThat(credentials.values()).extracting(entry -> entry.get("variable")).doesNotHaveDuplicates();
    }

    @Test
    void shouldAddTheHostsTlsForADriftCheck() {
        String withDrift = DESCRIPTOR.replace("        - http:\n            name: reports",
                "        - drift\n        - http:\n            name: reports");
        assertThat(withDrift).contains("- drift");
        Map<String, Map<String, String>> credentials = DeployCredentialVariables.smokeCheck(production(withDrift), false);

        assertThat(credentials.keySet()).containsExactly("docker-prod-tls", "shop-api-token", "office-monitor");
        assertThat(credentials.get("docker-prod-tls")).containsEntry("kind", "dockerTls");
    }

    @Test
    void shouldBindEverythingTheRollbacksDeployNeedsToo() {
        Map<String, Map<String, String>> credentials = DeployCredentialVariables.smokeCheck(production(DESCRIPTOR), true);

        assertThat(credentials.keySet()).containsExactly("shop-production-db", "docker-prod-tls", "shop-api-token",
                "office-monitor");
        assertThat(credentials.values()).extracting(entry -> entry.get("variable")).doesNotHaveDuplicates();
        assertThat(DeployCredentialVariables.of(production(DESCRIPTOR))).doesNotContainKey("shop-api-token");
    }

    @Test
    void shouldRefuseACheckSecretThatIsAlsoATlsCertificate() {
        String mixed = DESCRIPTOR.replace("{credentialsId: office-monitor}", "{credentialsId: docker-prod-tls}");

        assertThatThrownBy(() -> DeployCredentialVariables.smokeCheck(production(mixed), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'docker-prod-tls'");
    }
}
