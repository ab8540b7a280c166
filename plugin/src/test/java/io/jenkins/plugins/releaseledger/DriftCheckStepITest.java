package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * driftCheck in real Pipelines on the built-in node: the environment read by the CLI jar as the agent, the verdict
 * recorded in the controller's ledger and returned as a map; a host that cannot be read fails the build, marks it
 * unstable or lets it go on, as onDrift says. Written, not run here (see docs/architecture.md).
 */
@WithJenkins
class DriftCheckStepITest {
    private static final String UNREACHABLE = """
            schemaVersion: 1
            application: driftitest
            image: 127.0.0.1:1/team/shop
            environments:
              - name: production
                hosts: [tcp://127.0.0.1:1]
            """;

    private static WorkflowRun run(final JenkinsRule r, final String name, final String descriptor, final String steps,
            final Result expected) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'release-ledger.yaml', text: '''%s'''
                  %s
                  echo 'after the check'
                }
                """.formatted(descriptor, steps), true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    @Test
    void shouldFailTheBuildWhenTheHostCannotBeRead(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "unknown-fails", UNREACHABLE, "driftCheck environment: 'production'",
                Result.FAILURE);

        r.assertLogContains("driftCheck: production: drift unknown, host ", build);
        r.assertLogNotContains("after the check", build);
        assertThat(build.getAction(ReleaseLedgerRunAction.class)).as("unknown is not a verdict: nothing recorded")
                .isNull();
        FlowNode node = new DepthFirstScanner().findFirstMatch(build.getExecution(), new NodeStepTypePredicate("driftCheck"));
        assertThat(ArgumentsAction.getStepArgumentsAsString(node)).isEqualTo("production");
    }

    @Test
    void shouldMarkTheBuildUnstableAndReturnTheVerdict(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "unknown-unstable", UNREACHABLE, """
                def drift = driftCheck environment: 'production', onDrift: 'unstable'
                echo "drifted=${drift.drifted} complete=${drift.complete} unknown=${drift.unknown.size()} findings=${drift.findings.size()}"
                """, Result.UNSTABLE);

        r.assertLogContains("drifted=false complete=false unknown=1 findings=0", build);
        r.assertLogContains("the build is marked unstable (onDrift: 'unstable')", build);
        r.assertLogContains("after the check", build);
        FlowNode node = new DepthFirstScanner().findFirstMatch(build.getExecution(), new NodeStepTypePredicate("driftCheck"));
        WarningAction warning = node.getAction(WarningAction.class);
        assertThat(warning).as("the stage is unstable too, not only the build").isNotNull();
        assertThat(warning.getResult()).isEqualTo(Result.UNSTABLE);
        assertThat(warning.getMessage()).contains("driftCheck: production: drift unknown");
    }

    @Test
    void shouldGoOnWhenToldToIgnoreADrift(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "unknown-ignored", UNREACHABLE, """
                def drift = driftCheck environment: 'production', onDrift: 'ignore'
                echo "complete=${drift.complete} environment=${drift.environment}"
                """, Result.SUCCESS);

        r.assertLogContains("complete=false environment=production", build);
    }

    @Test
    void shouldRefuseAnUnknownOnDriftBeforeAnythingRuns(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "bad-option", UNREACHABLE, "driftCheck environment: 'production', onDrift: 'warn'",
                Result.FAILURE);

        r.assertLogContains("driftCheck: onDrift is 'warn'; use 'fail' (the default), 'unstable' or 'ignore'", build);
    }

    @Test
    @RequiresRealComponent(Component.DOCKER)
    void shouldRecordThatAnEnvironmentNeverDeployedRunsNothingOfOurs(final JenkinsRule r) throws Exception {
        WorkflowRun build = run(r, "checked", """
                schemaVersion: 1
                application: driftitest-docker
                image: 127.0.0.1:5000/team/shop
                environments:
                  - name: production
                    hosts: [unix:///var/run/docker.sock]
                """, """
                def drift = driftCheck environment: 'production'
                echo "drifted=${drift.drifted} complete=${drift.complete}"
                """, Result.SUCCESS);

        r.assertLogContains("drifted=false complete=true", build);
        assertThat(build.getAction(ReleaseLedgerRunAction.class).getEvents()).extracting(RecordedEvent::getType)
                .containsExactly(EventTypes.DRIFT_CHECKED);
    }
}
