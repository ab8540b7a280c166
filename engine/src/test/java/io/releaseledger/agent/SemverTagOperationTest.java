package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.git.JGitRepository;
import io.releaseledger.report.Messages;
import io.releaseledger.scm.ScmRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemverTagOperationTest {
    private static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.com");
    /** Bad options must be refused before the repository is opened. */
    private static final Function<Path, ScmRepository> NEVER = path -> {
        throw new AssertionError("the repository must not be opened");
    };

    @TempDir
    Path directory;

    @Test
    void shouldMapOptionsAndResult() throws Exception {
        String head;
        long committed;
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
            git.commit().setMessage("feat: first").setAllowEmpty(true).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
            git.tag().setName("api/v0.4.0").setAnnotated(true).setMessage("0.4.0").setTagger(AUTHOR).call();
            RevCommit commit = git.commit().setMessage("refactor!: drop the old API\n\nBody.").setAllowEmpty(true)
                    .setAuthor(AUTHOR).setCommitter(AUTHOR).call();
            head = commit.name();
            committed = commit.getCommitTime();
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("prefix", "api/v");
        options.put("breakingBelowOne", "major");
        options.put("createTag", false);
        options.put("fetch", false);
        options.put("branch", null);
        options.put("maxPushAttempts", 2L);

        Map<String, Object> result = new SemverTagOperation(JGitRepository::open)
                .run(new AgentRequest("semverTag", directory.toString(), options), new Messages());

        assertThat(result.keySet()).containsExactly("version", "tag", "previousVersion", "previousTag", "commit",
                "branch", "releaseBranch", "bump", "reason", "commits", "commitCount", "alreadyTagged", "tagCreated",
                "pushed", "dryRun");
        assertThat(result).containsEntry("version", "1.0.0").containsEntry("tag", "api/v1.0.0")
                .containsEntry("previousVersion", "0.4.0").containsEntry("previousTag", "api/v0.4.0")
                .containsEntry("commit", head).containsEntry("branch", "main").containsEntry("releaseBranch", true)
                .containsEntry("bump", "MAJOR").containsEntry("tagCreated", false).containsEntry("pushed", false)
                .containsEntry("alreadyTagged", false).containsEntry("dryRun", false).containsEntry("commitCount", 1);
        // the committer time: where the commit's lead time starts (docs/metrics.md); the author may not approve it
        assertThat(result.get("commits")).isEqualTo(List.of(Map.of("id", head, "subject", "refactor!: drop the old API",
                "type", "refactor", "bump", "MAJOR", "time", Instant.ofEpochSecond(committed).toString(),
                "author", "Test", "authorEmail", "test@example.com")));
    }

    @Test
    void shouldReadTheBranchFromTheMergedEnvironment() throws Exception {
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
            RevCommit commit = git.commit().setMessage("feat: x").setAllowEmpty(true).setAuthor(AUTHOR)
                    .setCommitter(AUTHOR).call();
            git.checkout().setName(commit.name()).call();
        }
        Map<String, Object> options = Map.of("dryRun", true, "environment", Map.of("BRANCH_NAME", "topic"));

        Map<String, Object> result = new SemverTagOperation(JGitRepository::open)
                .setEnvironment(Map.of("BRANCH_NAME", "main", "GIT_BRANCH", "origin/main"))
                .run(new AgentRequest("semverTag", directory.toString(), options), new Messages());

        assertThat(result).containsEntry("branch", "topic").containsEntry("releaseBranch", false);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"prfix": "v"}                  | unknown option "prfix" for semverTag; known options: allowDirty, branch,
            {"dryRun": "true"}              | option "dryRun" of semverTag must be true or false, found the string "true"
            {"paths": "api/"}               | option "paths" of semverTag must be an array of strings, found the string "api/"
            {"paths": ["api/", 3]}          | option "paths" of semverTag must be an array of strings, found an array
            {"maxPushAttempts": 1.5}        | option "maxPushAttempts" of semverTag must be an integer, found a number
            {"maxPushAttempts": 0}          | option "maxPushAttempts" of semverTag must be at least 1, not 0
            {"maxPushAttempts": 3000000000} | option "maxPushAttempts" of semverTag must be an integer, found an integer
            {"otherCommitsBump": "MAJOR"}   | option "otherCommitsBump" of semverTag must be one of NONE, PATCH, MINOR, not "MAJOR"
            {"breakingBelowOne": "PATCH"}   | option "breakingBelowOne" of semverTag must be one of MINOR, MAJOR, not "PATCH"
            {"environment": {"A": 1}}       | option "environment" of semverTag must be an object of strings; "A" is an integer
            {"prefix": ["v"]}               | option "prefix" of semverTag must be a string, found an array
            {"credentials": {}}             | credentials are never accepted in the request (it may be logged); pass them in
            """)
    void shouldRefuseBadOptionsBeforeOpeningTheRepository(final String options, final String message) {
        AgentRequest request = AgentRequest.fromJson(
                "{\"protocol\": 1, \"operation\": \"semverTag\", \"workspace\": \"/ws\", \"options\": " + options + "}");

        assertThatThrownBy(() -> new SemverTagOperation(NEVER).run(request, new Messages()))
                .isInstanceOf(AgentProtocolException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void shouldRefuseAnInvalidWorkspacePath() {
        AgentRequest request = new AgentRequest("semverTag", "bad\0path", Map.of());

        assertThatThrownBy(() -> new SemverTagOperation(NEVER).run(request, new Messages()))
                .hasMessageStartingWith("the workspace \"bad\0path\" is not a valid path");
    }

    @Test
    void shouldKnowEverySetterOfTheCommand() {
        assertThat(SemverTagOperation.OPTIONS).containsExactlyInAnyOrder("prefix", "paths", "branch", "environment",
                "releaseBranches", "preReleaseId", "initialVersion", "otherCommitsBump", "breakingBelowOne", "createTag",
                "push", "remote", "fetch", "dryRun", "allowDirty", "maxPushAttempts");
        assertThat(new SemverTagOperation(NEVER).getName()).isEqualTo("semverTag");
    }
}
