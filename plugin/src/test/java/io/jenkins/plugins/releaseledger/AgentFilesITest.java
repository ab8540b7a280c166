package io.jenkins.plugins.releaseledger;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.Functions;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Where the agent's files go in a real Pipeline (written, not run): the CLI jar once in the node block's
 * workspace {@code @tmp}, nothing in the working tree under {@code dir}, no request or response left behind, and a
 * step that starts without {@code java} on the PATH still runs on the agent JVM's Java.
 */
@WithJenkins
class AgentFilesITest {
    @TempDir
    Path temp;

    private GitFixture git;

    @BeforeEach
    void createRepositories() throws Exception {
        assumeFalse(Functions.isWindows(), "the pipelines use sh");
        git = GitFixture.releasedOnceThenOneFeature(temp);
    }

    @Test
    void shouldCopyTheJarOnceIntoTheWorkspacesTmpAndNothingIntoTheWorkingTree(final JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  dir('repo') {
                    sh 'git clone -q -b main %s .'
                    semverTag dryRun: true
                    semverTag dryRun: true
                  }
                  dir('other') {
                    sh 'git clone -q -b main %1$s .'
                    semverTag dryRun: true
                  }
                  sh 'test ! -e repo@tmp && test ! -e other@tmp && echo "no @tmp in the working tree"'
                  sh 'echo "jars: $(ls "$WORKSPACE@tmp" | grep -c "^release-ledger-cli-.*\\\\.jar$")"'
                  sh 'echo "left: $(ls "$WORKSPACE@tmp" | grep -c "release-ledger-re")"'
                }
                """.formatted(git.originUrl()), true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        r.assertLogContains("no @tmp in the working tree", build);
        r.assertLogContains("jars: 1", build);
        r.assertLogContains("left: 0", build);
    }

    @Test
    void shouldStartTheAgentWithTheAgentJvmsJavaWhenJavaIsNotOnThePath(final JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "no-java");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  sh 'git clone -q -b main %s .'
                  withEnv(['JAVA_HOME=', 'PATH=/nonexistent']) {
                    echo "version=${semverTag(dryRun: true)}"
                  }
                }
                """.formatted(git.originUrl()), true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        r.assertLogContains("version=1.3.0", build);
    }
}
