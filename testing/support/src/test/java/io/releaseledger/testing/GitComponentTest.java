package io.releaseledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves {@link Component#GIT}: C git creates a repository, a commit and a tag. */
@RequiresRealComponent(Component.GIT)
class GitComponentTest {
    @TempDir
    Path repo;

    @Test
    void shouldCommitAndTagWithCGit() throws Exception {
        git("init", "-q", "-b", "main");
        Files.writeString(repo.resolve("README"), "hello\n");
        git("add", "README");
        git("-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "feat: first");
        git("-c", "user.name=Test", "-c", "user.email=test@example.invalid", "tag", "-a", "v0.1.0", "-m", "0.1.0");

        assertThat(git("log", "--format=%s").strip()).isEqualTo("feat: first");
        assertThat(git("tag", "--merged", "HEAD", "-l", "v*").strip()).isEqualTo("v0.1.0");
        assertThat(git("rev-parse", "HEAD").strip()).matches("[0-9a-f]{40}");
    }

    private String git(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(arguments));
        return Exec.check(repo, Duration.ofSeconds(30), command);
    }
}
