package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentVariable;
import io.releaseledger.descriptor.SecretReference;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretResolverTest {
    private static final SecretReference FROM_ENV = reference("FROM_ENV");
    private static final SecretReference FROM_JENKINS = reference("FROM_JENKINS");

    @Test
    void shouldReadEnvironmentVariablesForTheCli() {
        SecretResolver secrets = SecretResolver.fromEnvironment(Map.of("SHOP_TOKEN", "t0k3n"));

        assertThat(secrets.resolve(FROM_ENV)).isEqualTo("t0k3n");
    }

    @Test
    void shouldSayThatCredentialsNeedJenkinsInsteadOfGuessingAVariable() {
        SecretResolver secrets = SecretResolver.fromEnvironment(Map.of("RELEASE_LEDGER_SECRET_SHOP_API", "guessed"));

        assertThatThrownBy(() -> secrets.resolve(FROM_JENKINS)).isInstanceOf(ReleaseLedgerException.class)
                .hasMessageContaining("credentials 'shop-api'").hasMessageContaining("Jenkins")
                .hasMessageContaining("{env: VARIABLE}").hasMessageNotContaining("guessed");
    }

    @Test
    void shouldReadCredentialsFromTheVariablesTheAgentRequestNames() {
        Map<String, String> environment = Map.of("RELEASE_LEDGER_CREDENTIAL_1", "from-jenkins", "SHOP_TOKEN", "t0k3n");
        SecretResolver secrets = SecretResolver.fromEnvironment(environment,
                Map.of("shop-api", "RELEASE_LEDGER_CREDENTIAL_1", "other", "RELEASE_LEDGER_CREDENTIAL_2"));

        assertThat(secrets.resolve(FROM_JENKINS)).isEqualTo("from-jenkins");
        assertThat(secrets.resolve(FROM_ENV)).isEqualTo("t0k3n");
        assertThatThrownBy(() -> SecretResolver.fromEnvironment(environment,
                Map.of("shop-api", "RELEASE_LEDGER_CREDENTIAL_2")).resolve(FROM_JENKINS))
                .hasMessageContaining("credentials 'shop-api' is not set")
                .hasMessageContaining("RELEASE_LEDGER_CREDENTIAL_2");
        assertThatThrownBy(() -> SecretResolver.fromEnvironment(Map.of()).resolve(FROM_ENV))
                .hasMessageContaining("environment variable SHOP_TOKEN");
    }

    /** The secret of the container variable {@code name} of a parsed descriptor. */
    private static SecretReference reference(final String name) {
        String text = """
                schemaVersion: 1
                application: shop
                image: 127.0.0.1:5000/shop
                environments:
                  - name: staging
                    hosts: [unix:///var/run/docker.sock]
                    container:
                      env:
                        FROM_ENV: {secret: {env: SHOP_TOKEN}}
                        FROM_JENKINS: {secret: {credentialsId: shop-api}}
                """;
        return DescriptorLoader.parse(text).getEnvironments().get(0).getContainer().getEnv().stream()
                .filter(variable -> variable.getName().equals(name)).map(EnvironmentVariable::getSecret)
                .findFirst().orElseThrow();
    }
}
