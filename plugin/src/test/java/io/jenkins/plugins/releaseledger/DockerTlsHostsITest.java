package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A Docker host over TLS whose client certificate is a Docker Commons credential: resolved on the controller, its key
 * in no log line, and a second host that is down refuses the deploy before anything changes.
 */
@WithJenkins
@RequiresRealComponent({Component.DOCKER_TLS, Component.REGISTRY})
class DockerTlsHostsITest {
    @Test
    void shouldResolveTheCredentialOnTheControllerAndRefuseADeployWithAHostDownBeforeAnyChange(final JenkinsRule r)
            throws Exception {
        Path client = Component.dockerTlsClientDirectory();
        String key = Files.readString(client.resolve("key.pem"), StandardCharsets.US_ASCII);
        SystemCredentialsProvider.getInstance().getCredentials().add(new DockerServerCredentials(CredentialsScope.GLOBAL,
                "fleet-tls", "TLS test engine", Secret.fromString(key),
                Files.readString(client.resolve("cert.pem"), StandardCharsets.US_ASCII),
                Files.readString(client.resolve("ca.pem"), StandardCharsets.US_ASCII)));
        int closed = FreePorts.next();
        String descriptor = """
                schemaVersion: 1
                application: rlitest-tls
                image: %s/release-ledger-plugin-itest
                environments:
                  - name: fleet
                    hosts:
                      - {url: "tcp://127.0.0.1:%d", name: tls, tls: {credentialsId: fleet-tls}}
                      - {url: "tcp://127.0.0.1:%d", name: down, tls: {credentialsId: fleet-tls}}
                """.formatted(Component.registryAddress(), Component.dockerTlsPort(), closed);
        WorkflowJob job = r.createProject(WorkflowJob.class, "tls");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'release-ledger.yaml', text: '''%s'''
                  deployStage environment: 'fleet', version: '1.3.0'
                }
                """.formatted(descriptor), true));

        WorkflowRun build = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("A Docker host of fleet cannot be used (1 of 2): host down (tcp://127.0.0.1:" + closed + ")",
                build);
        r.assertLogContains("Nothing was changed on any host.", build);
        String log = JenkinsRule.getLog(build);
        key.lines().filter(line -> !line.startsWith("-----")).forEach(line -> assertThat(log).doesNotContain(line));
        assertThat(build.getAction(ReleaseLedgerRunAction.class)).isNull();
    }
}
