package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.DeployProtocol;
import io.releaseledger.agent.SecretMask;
import io.releaseledger.deploy.PlanRequest;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Docker host's TLS credentials id, from the descriptor to the agent: the controller binds the id to a variable, the
 * PEM texts travel only in the agent process's environment, and the key never reaches the request or the build log.
 */
class DockerTlsCredentialsTest {
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBcaCAcertificate\n-----END CERTIFICATE-----\n";
    private static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIBclientcertificate\n-----END CERTIFICATE-----\n";
    private static final String KEY_LINE = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDclientkeybody";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\n" + KEY_LINE + "\nc2Vjb25kIGxpbmUgb2YgdGhlIGtleQ==\n"
            + "-----END PRIVATE KEY-----\n";
    private static final String DESCRIPTOR = """
            schemaVersion: 1
            application: shop
            image: registry.example.com:5000/team/shop
            environments:
              - name: production
                hosts:
                  - unix:///var/run/docker.sock
                  - {url: "tcp://10.0.0.7:2376", name: remote, tls: {credentialsId: docker-prod-tls}}
                container: {network: host}
                instances: {count: 1, ports: [8080]}
            """;

    private static EnvironmentSpec production() {
        return DescriptorLoader.parse(DESCRIPTOR, "release-ledger.yaml").getEnvironment("production").orElseThrow();
    }

    @Test
    void shouldCarryThePemTextsOnlyInTheAgentsEnvironmentAndMaskTheKeyInTheLog() throws java.io.IOException {
        Map<String, Map<String, String>> credentials = DeployCredentialVariables.deploy(production());
        assertThat(credentials).containsOnlyKeys("docker-prod-tls");
        assertThat(credentials.get("docker-prod-tls")).containsEntry("kind", DeployProtocol.KIND_DOCKER_TLS);
        String variable = credentials.get("docker-prod-tls").get("variable");
        assertThat(DeployCredentialVariables.dockerTlsProblem("docker-prod-tls", CA, CERT, KEY)).isNull();

        Map<String, String> secrets = DeployCredentialVariables.dockerTls(variable, CA, CERT, KEY);
        Map<String, String> agent = AgentLauncher.processEnvironment(Map.of("PATH", "/usr/bin"), secrets);
        String request = new AgentRequest(DeployProtocol.PLAN, "/workspace", DeployProtocol.planOptions(DESCRIPTOR,
                "release-ledger.yaml", "production", credentials, new PlanRequest("production", "1.0.0"))).toJson();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (MaskedLogStream out = new MaskedLogStream(new PrintStream(log, true, StandardCharsets.UTF_8),
                new SecretMask(secrets.values()))) {
            out.write(("cannot read the key: unexpected line " + KEY_LINE + "\n").getBytes(StandardCharsets.UTF_8));
        }

        assertThat(agent).containsEntry(variable + "_KEY", KEY).containsEntry(variable + "_CERT", CERT)
                .containsEntry(variable + "_CA", CA).containsEntry("PATH", "/usr/bin");
        assertThat(request).contains("docker-prod-tls").contains(variable).doesNotContain(KEY_LINE);
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("cannot read the key: unexpected line ****\n");
    }

    @Test
    void shouldSayWhatIsWrongWithTheCredentialWithoutQuotingIt() {
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("no key", DeployCredentialVariables.dockerTlsProblem("tls", CA, CERT, null));
        broken.put("encrypted", DeployCredentialVariables.dockerTlsProblem("tls", CA, CERT,
                KEY.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY")));
        broken.put("swapped", DeployCredentialVariables.dockerTlsProblem("tls", KEY, CERT, CA));

        assertThat(broken.get("no key")).isEqualTo("the X.509 client certificate credentials 'tls' cannot be used "
                + "for a Docker host over TLS: the client key is empty. Fill in the client key, the client certificate "
                + "and the server CA certificate (PEM, as the docker CLI's key.pem, cert.pem and ca.pem)");
        assertThat(broken.get("encrypted")).contains("the client key is encrypted; store it without a passphrase");
        assertThat(broken.get("swapped")).contains("the client key is not a PEM private key")
                .contains("the server CA certificate is not a PEM certificate");
        assertThat(broken.values()).noneMatch(problem -> problem.contains(KEY_LINE) || problem.contains("MIIB"));
    }
}
