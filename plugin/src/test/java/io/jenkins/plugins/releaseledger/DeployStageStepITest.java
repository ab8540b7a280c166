package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.Functions;
import hudson.model.Result;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * deployStage, promote and rollback in real Pipelines against the local Docker engine and registry: images built
 * from busybox, pushed, deployed by the real CLI jar as agent; the controller's ledger and the build page record it.
 */
@WithJenkins
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY})
class DeployStageStepITest {
    private static final String REPOSITORY = Component.registryAddress() + "/release-ledger-plugin-itest";

    @TempDir
    Path temp;

    @BeforeEach
    void buildImages() throws Exception {
        assumeFalse(Functions.isWindows(), "busybox images and a unix socket");
        for (String version : List.of("1.3.0", "1.4.0")) {
            Path context = Files.createDirectories(temp.resolve(version));
            Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nCMD [\"sleep\", \"3600\"]\n",
                    StandardCharsets.UTF_8);
            docker("build", "-q", "-t", REPOSITORY + ":" + version, context.toString());
            docker("push", "-q", REPOSITORY + ":" + version);
        }
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String environment : List.of("staging", "production")) {
            new ProcessBuilder("docker", "rm", "-f", "rlitest-" + environment + "-1").inheritIO().start().waitFor();
        }
    }

    private static void docker(final String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }

    private static String descriptor() {
        return """
                schemaVersion: 1
                application: rlitest
                image: %s
                environments:
                  - name: staging
                    hosts: [unix:///var/run/docker.sock]
                  - name: production
                    promotesFrom: staging
                    hosts: [unix:///var/run/docker.sock]
                """.formatted(REPOSITORY);
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
    void shouldDeployPromoteAndRollBackThroughTheAgent(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "deploy", """
                def first = deployStage environment: 'staging', version: '1.3.0'
                promote to: 'production'
                def second = deployStage environment: 'staging', version: '1.4.0'
                promote to: 'production'
                rollback environment: 'production', reason: 'checkout broken'
                echo "deployed=${second.version} digest=${second.digest} id=${second.deploymentId}"
                """, Result.SUCCESS);

        r.assertLogContains("deployed=1.4.0 digest=sha256:", build);
        r.assertLogContains("rollback: rolled back to 1.3.0 on production", build);
        assertThat(build.getAction(ReleaseLedgerRunAction.class).getEvents()).extracting(RecordedEvent::getType)
                .containsExactly(EventTypes.DEPLOYMENT_SUCCEEDED, EventTypes.RELEASE_PROMOTED,
                        EventTypes.DEPLOYMENT_SUCCEEDED, EventTypes.RELEASE_PROMOTED, EventTypes.RELEASE_ROLLED_BACK);
        assertThat(ReleaseLedgers.get().view(build.getParent(), "rlitest").state().get("badReleases").toString()).contains("1.4.0");
        assertThat(ReleaseLedgers.get().applicationsOf("deploy")).containsExactly("rlitest");

        List<String> labels = new DepthFirstScanner().filteredNodes(build.getExecution(),
                new NodeStepTypePredicate("deployStage")).stream().map(ArgumentsAction::getStepArgumentsAsString).toList();
        assertThat(labels).containsExactlyInAnyOrder("staging ← 1.3.0", "staging ← 1.4.0");
        FlowNode rollback = new DepthFirstScanner().findFirstMatch(build.getExecution(), new NodeStepTypePredicate("rollback"));
        assertThat(ArgumentsAction.getStepArgumentsAsString(rollback)).isEqualTo("production ↩ previous");
        assertThat(ActiveDeployments.get().isBusy()).isFalse();
    }

    @Test
    void shouldFailBeforeAnyHostWhenTheImageDoesNotExist(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "missing", "deployStage environment: 'staging', version: '9.9.9'", Result.FAILURE);

        r.assertLogContains("deployStage: ", build);
        r.assertLogContains("9.9.9", build);
        assertThat(build.getAction(ReleaseLedgerRunAction.class)).isNull();
    }

    @Test
    void shouldOnlyPlanInADryRun(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "dry", """
                def result = deployStage environment: 'staging', version: '1.4.0', dryRun: true
                echo "dryRun=${result.dryRun}"
                """, Result.SUCCESS);

        r.assertLogContains("dryRun=true", build);
        r.assertLogContains("nothing was changed or recorded", build);
        assertThat(build.getAction(ReleaseLedgerRunAction.class)).isNull();
    }
}
