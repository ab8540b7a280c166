package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionCommandTest {
    @TempDir
    Path directory;

    private GitFixture repository;
    private String workTree;

    @BeforeEach
    void createRepository() {
        repository = GitFixture.create(directory.resolve("work"));
        workTree = repository.getWorkTree().toString();
    }

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    @Test
    void shouldPrintTheNextVersionAndCreateNothing() {
        repository.commit("feat: first");
        repository.tag("v1.0.0");
        repository.commit("feat: search");
        Map<String, String> refsBefore = repository.refs();

        Cli.Result result = Cli.plain().run("-C", workTree, "version");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).isEqualTo("1.1.0" + System.lineSeparator());
        assertThat(result.err).contains("Next version 1.1.0").doesNotContain("error:")
                .contains("Previous version 1.0.0 (tag v1.0.0); 1 commit counted since")
                .contains("Version only (the tag command creates it): tag v1.1.0 not created")
                .doesNotContain("createTag", "(s)");
        assertThat(repository.refs()).isEqualTo(refsBefore);
    }

    @Test
    void shouldStartAtTheInitialVersion() {
        repository.commit("chore: init");

        assertThat(Cli.plain().run("version", "-C", workTree).out.strip()).isEqualTo("0.1.0");
        assertThat(Cli.plain().run("version", "-C", workTree, "--initial-version", "1.0.0").out.strip())
                .isEqualTo("1.0.0");
    }

    @Test
    void shouldHonourPrefixAndPaths() {
        repository.commit("api/a.txt", "feat: api");
        repository.tag("api/v2.0.0");
        repository.tag("v9.0.0");
        repository.commit("web/b.txt", "feat!: web only");
        repository.commit("api/a.txt", "fix: api bug");

        Cli.Result result = Cli.plain().run("version", "-C", workTree, "--prefix", "api/v", "--path", "api/");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out.strip()).isEqualTo("2.0.1");
    }

    @Test
    void shouldBeQuietOnRequest() {
        repository.commit("fix: x");

        Cli.Result result = Cli.plain().run("-q", "-C", workTree, "version");

        assertThat(result.exitCode).isZero();
        assertThat(result.err).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPrintJsonInTheDocumentedShape() {
        repository.commit("feat: first");
        repository.tag("v1.3.2");
        String fix = repository.commit("fix: crash").name();

        Cli.Result result = Cli.plain().run("version", "--json", "-C", workTree);

        assertThat(result.exitCode).as(result.toString()).isZero();
        Map<String, Object> json = Json.parseObject(result.out);
        assertThat(json.keySet()).containsExactly("version", "tag", "previousVersion", "previousTag", "commit",
                "branch", "releaseBranch", "bump", "reason", "commits", "commitCount", "alreadyTagged", "tagCreated",
                "pushed", "dryRun");
        assertThat(json).containsEntry("version", "1.3.3").containsEntry("tag", "v1.3.3")
                .containsEntry("previousVersion", "1.3.2").containsEntry("previousTag", "v1.3.2")
                .containsEntry("commit", fix).containsEntry("branch", "main").containsEntry("releaseBranch", true)
                .containsEntry("bump", "PATCH").containsEntry("alreadyTagged", false)
                .containsEntry("tagCreated", false).containsEntry("pushed", false).containsEntry("dryRun", false)
                .containsEntry("commitCount", 1L);
        assertThat((String) json.get("reason")).isNotBlank();
        List<Map<String, Object>> commits = (List<Map<String, Object>>) json.get("commits");
        // the committer time from git: where the commit's lead time starts (docs/metrics.md)
        assertThat(Instant.parse((String) commits.get(0).remove("time")))
                .isBetween(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(60));
        // the author, who may not approve the release (docs/governance.md)
        assertThat(commits).isEqualTo(List.of(Map.of("id", fix, "subject", "fix: crash", "type", "fix", "bump", "PATCH",
                "author", "Test Author", "authorEmail", "author@example.com")));
    }

    @Test
    void shouldTakeTheBranchFromTheEnvironmentOnADetachedHead() {
        repository.commit("feat: first");
        repository.tag("v1.0.0");
        repository.commit("feat: more");
        repository.detach();

        Cli.Result result = Cli.withEnvironment(Map.of("BRANCH_NAME", "feature/login")).run("version", "--json",
                "-C", workTree);

        assertThat(result.exitCode).as(result.toString()).isZero();
        Map<String, Object> json = Json.parseObject(result.out);
        assertThat(json).containsEntry("branch", "feature/login").containsEntry("releaseBranch", false);
        assertThat(json).containsEntry("version", "1.1.0-feature-login.1");
    }

    @Test
    void shouldMapOptionsToTheEngine() {
        repository.commit("feat: first");
        repository.tag("v0.3.0");
        repository.commit("feat!: breaking");

        Cli.Result result = Cli.plain().run("version", "-C", workTree, "--breaking-below-one", "major",
                "--branch", "develop", "--release-branch", "develop", "--no-fetch");

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out.strip()).isEqualTo("1.0.0");
    }

    @Test
    void shouldFailWithOneLineOutsideARepository() {
        Cli.Result result = Cli.plain().run("version", "-C", directory.toString());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.out).isEmpty();
        assertThat(result.err).startsWith("release-ledger version: ").contains("is not a git repository")
                .doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void shouldPrintTheErrorAsJsonWhenAsked() {
        Cli.Result result = Cli.plain().run("version", "--json", "-C", directory.toString());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(Json.parseObject(result.out)).containsOnlyKeys("error");
        assertThat((String) Json.parseObject(result.out).get("error")).contains("is not a git repository");
    }

    @Test
    void shouldPrintTheStackTraceWithDebug() {
        Cli.Result result = Cli.plain().run("--debug", "version", "-C", directory.toString());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).contains("is not a git repository").contains("\tat io.releaseledger.");
    }

    @Test
    void shouldRefuseBadOptionValuesWithExitCodeOne() {
        repository.commit("feat: first");

        Cli.Result bump = Cli.plain().run("version", "-C", workTree, "--other-commits-bump", "MAJOR");
        Cli.Result initial = Cli.plain().run("version", "-C", workTree, "--initial-version", "1.0");

        assertThat(bump.exitCode).isEqualTo(1);
        assertThat(bump.err).isEqualTo("release-ledger version: option \"otherCommitsBump\" of semverTag must be one of"
                + " NONE, PATCH, MINOR, not \"MAJOR\"" + System.lineSeparator());
        assertThat(initial.exitCode).as(initial.toString()).isEqualTo(1);
        assertThat(initial.err).startsWith("release-ledger version: ").doesNotContain("\tat ");
    }
}
