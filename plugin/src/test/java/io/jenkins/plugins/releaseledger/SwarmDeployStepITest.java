package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.Functions;
import hudson.model.Result;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.FreePorts;
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * deployStage, promote and rollback of swarm environments in real Pipelines: two Swarm services of two replicas on
 * the local single-node swarm, deployed by the real CLI jar as agent. An update Swarm rolls back fails the build.
 * Written, not run here (no Jenkins Maven repository).
 */
@WithJenkins
@RequiresRealComponent({Component.DOCKER, Component.SWARM, Component.REGISTRY})
class SwarmDeployStepITest {
    private static final String REPOSITORY = Component.registryAddress() + "/release-ledger-plugin-swarm-itest";
    private static final List<String> SERVICES = List.of("rlswarm-staging", "rlswarm-production");

    @TempDir
    Path temp;

    private final List<Integer> ports = new ArrayList<>();

    @BeforeEach
    void buildImages() throws Exception {
        assumeFalse(Functions.isWindows(), "busybox images and a unix socket");
        String base = TestImages.busyboxHttpd();
        for (String version : List.of("1.3.0", "1.4.0", "1.5.0")) {
            Path context = Files.createDirectories(temp.resolve(version));
            Files.createDirectories(context.resolve("www"));
            Files.writeString(context.resolve("www/version"), version + "\n", StandardCharsets.UTF_8);
            Files.writeString(context.resolve("www/health"), "ok\n", StandardCharsets.UTF_8);
            // 1.5.0 exits at once: Swarm's failure action rolls its update back.
            String command = version.equals("1.5.0") ? "exit 3"
                    : "trap 'exit 0' TERM; httpd -f -p 127.0.0.1:$PORT -h /www & wait";
            Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nCOPY www /www\nCMD [\"sh\", \"-c\", \""
                    + command + "\"]\n", StandardCharsets.UTF_8);
            docker("build", "-q", "-t", REPOSITORY + ":" + version, context.toString());
            docker("push", "-q", REPOSITORY + ":" + version);
        }
        ports.addAll(FreePorts.next(4));
    }

    @AfterEach
    void removeServices() throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "service", "rm"));
        command.addAll(SERVICES);
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static void docker(final String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }

    private String descriptor() {
        return """
                schemaVersion: 1
                application: rlswarm
                image: %s
                environments:
                  - name: staging
                    hosts: [unix:///var/run/docker.sock]
                    container: {network: host}
                    instances: {ports: [%d, %d]}
                    swarm: {timeout: 2m, update: {monitor: 2s}}
                    healthGate: {timeout: 20s, checks: [{http: /health}]}
                  - name: production
                    promotesFrom: staging
                    hosts: [unix:///var/run/docker.sock]
                    container: {network: host}
                    instances: {ports: [%d, %d]}
                    swarm: {timeout: 2m, update: {monitor: 2s}}
                    healthGate: {timeout: 20s, checks: [{http: /health}]}
                """.formatted(REPOSITORY, ports.get(0), ports.get(1), ports.get(2), ports.get(3));
    }

    private WorkflowRun run(final JenkinsRule r, final String name, final String steps, final Result expected)
            throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'release-ledger.yaml', text: '''%s'''
                  %s
                }
                """.formatted(descriptor(), steps), true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    @Test
    void shouldDeployPromoteAndRollBackSwarmServicesThroughTheAgent(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "swarm", """
                deployStage environment: 'staging', version: '1.3.0'
                def second = deployStage environment: 'staging', version: '1.4.0'
                promote to: 'production'
                rollback environment: 'staging', reason: 'checkout broken'
                echo "deployed=${second.version} digest=${second.digest}"
                """, Result.SUCCESS);

        r.assertLogContains("deployed=1.4.0 digest=sha256:", build);
        r.assertLogContains("as Swarm service rlswarm-staging", build);
        r.assertLogContains("rollback: rolled back to 1.3.0 on staging", build);
        assertThat(build.getAction(ReleaseLedgerRunAction.class).getEvents()).extracting(RecordedEvent::getType)
                .containsExactly(EventTypes.DEPLOYMENT_SUCCEEDED, EventTypes.DEPLOYMENT_SUCCEEDED,
                        EventTypes.RELEASE_PROMOTED, EventTypes.RELEASE_ROLLED_BACK);
    }

    @Test
    void shouldFailTheBuildWhenSwarmRollsTheUpdateBack(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "rolledback", """
                deployStage environment: 'staging', version: '1.4.0'
                deployStage environment: 'staging', version: '1.5.0'
                """, Result.FAILURE);

        r.assertLogContains("Swarm rolled the update of service rlswarm-staging back", build);
        assertThat(build.getAction(ReleaseLedgerRunAction.class).getEvents()).extracting(RecordedEvent::getType)
                .containsSubsequence(EventTypes.DEPLOYMENT_SUCCEEDED, EventTypes.DEPLOYMENT_FAILED,
                        EventTypes.RELEASE_ROLLED_BACK);
    }
}
