package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.releaseledger.agent.AgentRequest;
import io.releaseledger.agent.SemverTagOperation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SemverTagOptionsTest {
    @Test
    void shouldSendTheDocumentedDefaultsWhenNothingIsSet() {
        AgentRequest request = SemverTagOptions.request(new SemverTagStep(), "/ws/app", Map.of());

        assertThat(request.getOperation()).isEqualTo("semverTag");
        assertThat(request.getWorkspace()).isEqualTo("/ws/app");
        assertThat(request.getOptions()).containsExactly(
                entry("prefix", "v"),
                entry("environment", Map.of()),
                entry("releaseBranches", List.of("main", "master")),
                entry("initialVersion", "0.1.0"),
                entry("otherCommitsBump", "PATCH"),
                entry("breakingBelowOne", "MINOR"),
                entry("push", true),
                entry("remote", "origin"),
                entry("fetch", true),
                entry("dryRun", false),
                entry("allowDirty", false),
                entry("maxPushAttempts", 3));
    }

    @Test
    void shouldOnlySendOptionsTheAgentKnows() {
        SemverTagStep step = everythingSet();

        Map<String, Object> options = SemverTagOptions.request(step, "/ws", Map.of("BRANCH_NAME", "main")).getOptions();

        assertThat(SemverTagOperation.OPTIONS).containsAll(options.keySet());
        assertThat(options).doesNotContainKey("credentialsId").doesNotContainKey("credentials");
    }

    @Test
    void shouldSplitListsAndPassTheBranchVariablesOnly() {
        SemverTagStep step = everythingSet();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("BRANCH_NAME", "feature/x");
        environment.put("GIT_BRANCH", "origin/feature/x");
        environment.put("SOME_TOKEN", "s3cr3t-value");

        AgentRequest request = SemverTagOptions.request(step, "/ws", environment);

        assertThat(request.getOptions())
                .containsEntry("prefix", "api/v")
                .containsEntry("paths", List.of("api/", "shared/"))
                .containsEntry("branch", "feature/x")
                .containsEntry("releaseBranches", List.of("main", "release/*"))
                .containsEntry("preReleaseId", "rc")
                .containsEntry("otherCommitsBump", "NONE")
                .containsEntry("breakingBelowOne", "MAJOR")
                .containsEntry("push", false)
                .containsEntry("remote", "upstream")
                .containsEntry("fetch", false)
                .containsEntry("dryRun", true)
                .containsEntry("allowDirty", true)
                .containsEntry("maxPushAttempts", 5)
                .containsEntry("environment", Map.of("BRANCH_NAME", "feature/x", "GIT_BRANCH", "origin/feature/x"));
        assertThat(request.toJson()).doesNotContain("s3cr3t-value").doesNotContain("git-creds");
    }

    @Test
    void shouldAcceptAValidStep() {
        assertThat(SemverTagOptions.validate(new SemverTagStep())).isEmpty();
        assertThat(SemverTagOptions.validate(everythingSet())).isEmpty();
    }

    @Test
    void shouldNameEveryProblemOfAStep() {
        SemverTagStep step = new SemverTagStep();
        step.setInitialVersion("1.0");
        step.setMaxPushAttempts(0);
        step.setOtherCommitsBump("major");
        step.setBreakingBelowOne("patch");
        step.setReleaseBranches(" , ");

        List<String> problems = SemverTagOptions.validate(step);

        assertThat(problems).hasSize(5);
        assertThat(problems.get(0)).startsWith("initialVersion: '1.0' is not a semantic version");
        assertThat(problems.get(1)).isEqualTo("maxPushAttempts must be at least 1, not 0");
        assertThat(problems.get(2)).isEqualTo("otherCommitsBump must be one of NONE, PATCH, MINOR, not 'MAJOR'");
        assertThat(problems.get(3)).isEqualTo("breakingBelowOne must be one of MINOR, MAJOR, not 'PATCH'");
        assertThat(problems.get(4)).startsWith("releaseBranches needs at least one branch name");
    }

    @Test
    void shouldCheckFormFields() {
        assertThat(SemverTagOptions.checkInitialVersion("")).isNull();
        assertThat(SemverTagOptions.checkInitialVersion("1.0.0-rc.1")).isNull();
        assertThat(SemverTagOptions.checkInitialVersion("01.0.0")).startsWith("initialVersion: ");
        assertThat(SemverTagOptions.checkMaxPushAttempts("2")).isNull();
        assertThat(SemverTagOptions.checkMaxPushAttempts(" ")).isNull();
        assertThat(SemverTagOptions.checkMaxPushAttempts("0")).contains("at least 1");
        assertThat(SemverTagOptions.checkMaxPushAttempts("many")).contains("at least 1");
    }

    @Test
    void shouldLabelTheStepInTheFlowGraph() {
        assertThat(SemverTagOptions.label(Map.of())).isNull();
        assertThat(SemverTagOptions.label(Map.of("credentialsId", "git-creds"))).isNull();
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("prefix", "api/v");
        arguments.put("paths", "api/\nshared/");
        arguments.put("dryRun", true);
        assertThat(SemverTagOptions.label(arguments)).isEqualTo("prefix api/v, paths api/, shared/, dry run");
        assertThat(SemverTagOptions.label(Map.of("push", false))).isEqualTo("no push");
    }

    @Test
    void shouldSplitOnCommasAndNewLines() {
        assertThat(SemverTagOptions.list(null)).isEmpty();
        assertThat(SemverTagOptions.list(" a/ ,b/\r\n\n c/ ,")).containsExactly("a/", "b/", "c/");
    }

    static SemverTagStep everythingSet() {
        SemverTagStep step = new SemverTagStep();
        step.setPrefix("api/v");
        step.setPaths("api/,\nshared/");
        step.setBranch("feature/x");
        step.setReleaseBranches("main\nrelease/*");
        step.setPreReleaseId("rc");
        step.setInitialVersion("1.0.0");
        step.setOtherCommitsBump("none");
        step.setBreakingBelowOne("MAJOR");
        step.setPush(false);
        step.setRemote("upstream");
        step.setFetch(false);
        step.setDryRun(true);
        step.setAllowDirty(true);
        step.setMaxPushAttempts(5);
        step.setCredentialsId("git-creds");
        return step;
    }
}
