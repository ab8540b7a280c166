package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.Functions;
import hudson.model.Result;
import hudson.util.Secret;
import java.nio.file.Path;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * credentialsId is resolved on the controller, tracked on the run and handed to the agent in its environment.
 * The remote is a bare repository over file://, which ignores credentials: this proves the plumbing and that no
 * secret reaches the log; authentication itself is tested in the engine against HTTP and SSH servers.
 */
@WithJenkins
class SemverTagCredentialsITest {
    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final String TOKEN = "ghp_0123456789abcdefghijklmnopqrstuv";

    @TempDir
    Path temp;

    private GitFixture git;

    @BeforeEach
    void createRepositories() throws Exception {
        assumeFalse(Functions.isWindows(), "the pipelines use sh");
        git = GitFixture.releasedOnceThenOneFeature(temp);
    }

    @Test
    void shouldUseAndTrackUsernamePasswordCredentials(final JenkinsRule r) throws Exception {
        UsernamePasswordCredentialsImpl credentials =
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "git-user", "git", "ci", PASSWORD);
        SystemCredentialsProvider.getInstance().getCredentials().add(credentials);

        WorkflowRun build = r.buildAndAssertSuccess(job(r, "semverTag credentialsId: 'git-user'"));

        assertThat(git.originTags()).contains("v1.3.0");
        r.assertLogNotContains(PASSWORD, build);
        assertThat(CredentialsProvider.getFingerprintOf(credentials)).as("usage tracked").isNotNull();
    }

    @Test
    void shouldUseSecretTextAsToken(final JenkinsRule r) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "git-token", "token", Secret.fromString(TOKEN)));

        WorkflowRun build = r.buildAndAssertSuccess(job(r, "semverTag credentialsId: 'git-token'"));

        assertThat(git.originTags()).contains("v1.3.0");
        r.assertLogNotContains(TOKEN, build);
    }

    @Test
    void shouldNameAMissingCredentialsId(final JenkinsRule r) throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job(r, "semverTag credentialsId: 'nope'"));

        r.assertLogContains("semverTag: no credentials with ID 'nope' are available to this build", build);
        assertThat(git.originTags()).containsExactly("v1.2.0");
    }

    private WorkflowJob job(final JenkinsRule r, final String step) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  dir('repo') {
                    sh 'git clone -q -b main %s .'
                    %s
                  }
                }
                """.formatted(git.originUrl(), step), true));
        return job;
    }
}
