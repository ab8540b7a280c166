package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.PlanRequest;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's side of a deploy against the CLI jar the plugin ships, started as the step starts it: the
 * request the executor builds reaches the agent's deploy operations, the credentials travel in the environment only,
 * and a failure comes back as the step's message without the secrets. No Docker or registry is needed: the
 * registry here is a closed port, so the plan fails before any host is touched.
 */
class DeployAgentRoundTripTest {
    private static final String PASSWORD = "registry-password-5f2a9c";
    private static final String DB_SECRET = "db-secret-7e41d0";
    private static final String DESCRIPTOR = """
            schemaVersion: 1
            application: shop
            image: 127.0.0.1:1/team/shop
            environments:
              - name: staging
                hosts: [tcp://127.0.0.1:1]
                container:
                  env:
                    DB_PASSWORD:
                      secret: {credentialsId: shop-db}
            """;

    @TempDir
    Path temp;

    private Path workspace;

    @BeforeEach
    void installTheJar() throws Exception {
        workspace = Files.createDirectories(temp.resolve("ws"));
    }

    private AgentDeploymentExecutor executor(final Map<String, String> secrets, final ByteArrayOutputStream log) {
        EnvironmentSpec staging = DescriptorLoader.parse(DESCRIPTOR, "release-ledger.yaml").getEnvironment("staging")
                .orElseThrow();
        return new AgentDeploymentExecutor("deployStage", (operation, options) -> {
            AgentRequest request = new AgentRequest(operation, workspace.toString(), options);
            assertThat(request.toJson()).doesNotContain(PASSWORD).doesNotContain(DB_SECRET);
            return new ShippedAgent(workspace).run(request, secrets, new PrintStream(log, true, StandardCharsets.UTF_8));
        }, new PrintStream(log, true, StandardCharsets.UTF_8), DESCRIPTOR, "release-ledger.yaml",
                DeployCredentialVariables.of(staging), new ActiveDeployments().open("test"));
    }

    @Test
    void shouldFailThePlanAtTheRegistryWithoutLeakingASecret() {
        Map<String, String> secrets = new HashMap<>(DeployCredentialVariables.registry("ci", PASSWORD));
        secrets.putAll(DeployCredentialVariables.secretText("RELEASE_LEDGER_CREDENTIAL_1", DB_SECRET));
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        assertThatThrownBy(() -> executor(secrets, log).plan(new PlanRequest("staging", "1.4.0")))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining(PASSWORD).hasMessageNotContaining(DB_SECRET)
                .hasMessageNotContainingAny("unknown operation", "Unknown operation");
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(PASSWORD).doesNotContain(DB_SECRET);
    }

    @Test
    void shouldBeRefusedByTheAgentWhenACredentialsValueIsMissing() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        assertThatThrownBy(() -> executor(Map.of(), log).plan(new PlanRequest("staging", "1.4.0")))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("shop-db");
    }
}
