package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagCommandTest {
    private static final String SECRET = "pa55-Very-Secret-4711";

    @TempDir
    Path directory;

    private GitFixture repository;
    private String workTree;

    @BeforeEach
    void createRepository() {
        repository = GitFixture.create(directory.resolve("work"));
        workTree = repository.getWorkTree().toString();
        repository.commit("feat: first");
        repository.tag("v1.0.0");
        repository.commit("feat: second");
    }

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    @Test
    void shouldCreateAndPushTheTag() {
        Path origin = repository.addBareOrigin(directory.resolve("origin.git"));

        Cli.Result result = Cli.plain().run("tag", "-C", workTree);

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).isEqualTo("1.1.0" + System.lineSeparator());
        assertThat(result.err).contains("Created tag v1.1.0", "Pushed tag v1.1.0");
        assertThat(repository.tags()).containsExactlyInAnyOrder("v1.0.0", "v1.1.0");
        assertThat(GitFixture.tagsOf(origin)).contains("v1.1.0");
    }

    @Test
    void shouldBeIdempotent() {
        repository.addBareOrigin(directory.resolve("origin.git"));
        assertThat(Cli.plain().run("tag", "-C", workTree).exitCode).isZero();

        Cli.Result again = Cli.plain().run("tag", "--json", "-C", workTree);

        assertThat(again.exitCode).as(again.toString()).isZero();
        assertThat(Json.parseObject(again.out)).containsEntry("version", "1.1.0").containsEntry("alreadyTagged", true)
                .containsEntry("tagCreated", false).containsEntry("pushed", false);
    }

    @Test
    void shouldChangeNothingInADryRun() {
        Path origin = repository.addBareOrigin(directory.resolve("origin.git"));
        Map<String, String> localBefore = repository.refs();

        Cli.Result result = Cli.plain().run("tag", "--dry-run", "--json", "-C", workTree);

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(Json.parseObject(result.out)).containsEntry("version", "1.1.0").containsEntry("dryRun", true)
                .containsEntry("tagCreated", false).containsEntry("pushed", false);
        assertThat(repository.refs()).isEqualTo(localBefore);
        assertThat(GitFixture.tagsOf(origin)).isEmpty();
    }

    @Test
    void shouldKeepTheTagLocalWithNoPush() {
        Path origin = repository.addBareOrigin(directory.resolve("origin.git"));

        Cli.Result result = Cli.plain().run("tag", "--no-push", "--json", "-C", workTree);

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(Json.parseObject(result.out)).containsEntry("tagCreated", true).containsEntry("pushed", false);
        assertThat(repository.tags()).contains("v1.1.0");
        assertThat(GitFixture.tagsOf(origin)).isEmpty();
    }

    @Test
    void shouldRefuseADirtyWorkTreeUnlessAllowed() throws IOException {
        Files.writeString(repository.getWorkTree().resolve("file.txt"), "changed\n");

        Cli.Result refused = Cli.plain().run("tag", "-C", workTree);

        assertThat(refused.exitCode).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err).contains("release-ledger tag: ");
        assertThat(repository.tags()).containsExactly("v1.0.0");

        Cli.Result allowed = Cli.plain().run("tag", "--allow-dirty", "-C", workTree);

        assertThat(allowed.exitCode).as(allowed.toString()).isZero();
        assertThat(repository.tags()).contains("v1.1.0");
    }

    @Test
    void shouldNeverShowAPasswordFromTheEnvironment() {
        repository.setOrigin("http://127.0.0.1:" + GitFixture.closedPort() + "/repo.git");
        Map<String, String> environment = Map.of("RELEASE_LEDGER_GIT_USERNAME", "ci",
                "RELEASE_LEDGER_GIT_PASSWORD", SECRET);

        for (String[] args : new String[][] {{"tag", "-C", workTree}, {"tag", "--no-fetch", "-C", workTree},
                {"--debug", "tag", "--json", "-C", workTree}}) {
            Cli.Result result = Cli.withEnvironment(environment).run(args);

            assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
            assertThat(result.err).as(result.toString()).contains("release-ledger tag: ");
            assertThat(result.out + result.err).doesNotContain(SECRET);
        }
        assertThat(repository.tags()).as("a failed push removes the local tag").containsExactly("v1.0.0");
    }

    @Test
    void shouldReadThePasswordFromAFileAndNeverShowIt() throws IOException {
        repository.setOrigin("http://127.0.0.1:" + GitFixture.closedPort() + "/repo.git");
        Path passwordFile = Files.writeString(directory.resolve("password"), SECRET + "\n");

        Cli.Result result = Cli.plain().run("--debug", "tag", "-C", workTree, "--username", "ci",
                "--password-file", passwordFile.toString());

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.out + result.err).doesNotContain(SECRET);
    }

    @Test
    void shouldNameAMissingSecretFile() {
        Path missing = directory.resolve("no-such-token");

        Cli.Result result = Cli.plain().run("tag", "-C", workTree, "--token-file", missing.toString());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).isEqualTo("release-ledger tag: cannot read the token file " + missing
                + " (--token-file): NoSuchFileException" + System.lineSeparator());
    }

    @Test
    void shouldExplainContradictoryCredentials() {
        Cli.Result result = Cli.withEnvironment(Map.of("RELEASE_LEDGER_GIT_PASSWORD", SECRET)).run("tag", "-C", workTree);

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).startsWith("release-ledger tag: RELEASE_LEDGER_GIT_PASSWORD is set but "
                + "RELEASE_LEDGER_GIT_USERNAME is not").doesNotContain(SECRET);
        assertThat(repository.tags()).containsExactly("v1.0.0");
    }
}
