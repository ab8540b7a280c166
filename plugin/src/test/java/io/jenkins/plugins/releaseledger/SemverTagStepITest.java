package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.Functions;
import hudson.model.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** semverTag in real Pipelines: a real node, a real clone of a real bare repository, the real CLI jar as agent. */
@WithJenkins
class SemverTagStepITest {
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @TempDir
    Path temp;

    private GitFixture git;

    @BeforeEach
    void createRepositories() throws Exception {
        assumeFalse(Functions.isWindows(), "the pipelines use sh");
        git = GitFixture.releasedOnceThenOneFeature(temp);
    }

    @Test
    void shouldTagPushAndReturnTheNextVersion(final JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  dir('repo') {
                    sh 'git clone -q -b main %s .'
                    def version = semverTag prefix: 'v'
                    echo "version=${version}"
                  }
                }
                """.formatted(git.originUrl()), true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        r.assertLogContains("version=1.3.0", build);
        r.assertLogContains("semverTag: version 1.3.0 (v1.3.0, tag created and pushed)", build);
        assertThat(git.originTags()).containsExactlyInAnyOrder("v1.2.0", "v1.3.0");

        SemverTagAction action = build.getAction(SemverTagAction.class);
        assertThat(action.getVersion()).isEqualTo("1.3.0");
        assertThat(action.getTag()).isEqualTo("v1.3.0");
        assertThat(action.getPreviousVersion()).isEqualTo("1.2.0");
        assertThat(action.getBranch()).isEqualTo("main");
        assertThat(action.getCommit()).isEqualTo(GitFixture.git(git.seed(), "rev-parse", "HEAD").strip());
        assertThat(action.isPushed()).isTrue();
        assertThat(action.isDryRun()).isFalse();

        JSONObject api = r.getJSON(build.getUrl() + "api/json?tree=actions[version,tag,pushed]").getJSONObject();
        JSONArray actions = api.getJSONArray("actions");
        List<JSONObject> tagActions = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            if (actions.getJSONObject(i).has("version")) {
                tagActions.add(actions.getJSONObject(i));
            }
        }
        assertThat(tagActions)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.getString("version")).isEqualTo("1.3.0");
                    assertThat(a.getString("tag")).isEqualTo("v1.3.0");
                    assertThat(a.getBoolean("pushed")).isTrue();
                });

        List<FlowNode> steps = new DepthFirstScanner().filteredNodes(build.getExecution(), new NodeStepTypePredicate("semverTag"));
        assertThat(steps).singleElement()
                .satisfies(node -> assertThat(ArgumentsAction.getStepArgumentsAsString(node)).isEqualTo("prefix v"));
    }

    @Test
    void shouldReturnTheSameVersionWhenRunAgain(final JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  dir('repo') {
                    deleteDir()
                    sh 'git clone -q -b main %s .'
                    echo "version=${semverTag()}"
                  }
                }
                """.formatted(git.originUrl()), true));

        r.buildAndAssertSuccess(job);
        WorkflowRun second = r.buildAndAssertSuccess(job);

        r.assertLogContains("version=1.3.0", second);
        assertThat(second.getAction(SemverTagAction.class).isTagCreated()).isFalse();
        assertThat(git.originTags()).containsExactlyInAnyOrder("v1.2.0", "v1.3.0");
    }

    @Test
    void shouldOnlyComputeOnADryRunOfAFeatureBranch(final JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  dir('repo') {
                    sh 'git clone -q -b main %s . && git checkout -q -b feature/search'
                    echo "version=${semverTag(dryRun: true)}"
                  }
                }
                """.formatted(git.originUrl()), true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        SemverTagAction action = build.getAction(SemverTagAction.class);
        assertThat(action.getVersion()).startsWith("1.3.0-").contains("search");
        assertThat(action.isDryRun()).isTrue();
        assertThat(action.isTagCreated()).isFalse();
        r.assertLogContains("version=" + action.getVersion(), build);
        assertThat(git.originTags()).containsExactly("v1.2.0");
    }

    /**
     * The engine looks for .git in the directory and every parent (JGit's FileRepositoryBuilder.findGitDir), and the
     * JenkinsRule home lies in this project's own checkout (jenkins-test-harness' TemporaryDirectoryAllocator uses
     * java.io.tmpdir, which the plugin parent POM sets to target/tmp): the step runs in a directory no checkout holds.
     */
    @Test
    void shouldFailWithAShortMessageOutsideARepository(final JenkinsRule r) throws Exception {
        Path outside = GitFixture.directoryOutsideAnyCheckout();
        assumeTrue(outside != null, "no temporary directory outside a git checkout on this machine");
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition("node { ws('%s') { writeFile file: 'x', text: 'x'; semverTag() } }"
                .formatted(outside.toString().replace("\\", "/")), true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("ERROR: semverTag: ", build);
        r.assertLogContains("is not a git repository", build);
        r.assertLogNotContains("\tat io.releaseledger", build);
        assertThat(build.getAction(SemverTagAction.class)).isNull();
    }

    @Test
    void shouldRefuseInvalidOptionsBeforeRunningAnything(final JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition("node { semverTag maxPushAttempts: 0, otherCommitsBump: 'MAJOR' }", true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("semverTag: maxPushAttempts must be at least 1, not 0; "
                + "otherCommitsBump must be one of NONE, PATCH, MINOR, not 'MAJOR'", build);
    }

    @Test
    void shouldNeedANode(final JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition("semverTag()", true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        // StepDescriptor.checkContextAvailability names the first missing class of an unordered set: FilePath or Launcher
        assertThat(JenkinsRule.getLog(build))
                .containsPattern("Required context class hudson\\.(FilePath|Launcher) is missing")
                .contains("Perhaps you forgot to surround the semverTag step with a step that provides this");
    }
}
