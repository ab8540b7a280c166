package io.releaseledger.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.scm.CGit;
import io.releaseledger.scm.TestRepo;
import io.releaseledger.semver.SemverTagCommand;
import io.releaseledger.semver.SemverTagResult;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the commit-graph C git writes (git gc does by default), a version tag on a branch HEAD never merged is
 * rejected from generation numbers, without walking HEAD's history to its root. The proof: the root commit's object is
 * deleted, so any walk that reaches it fails.
 */
@RequiresRealComponent(Component.GIT)
class CommitGraphReachabilityTest {
    private static final int COMMITS = 30;

    @TempDir
    private Path temp;

    @Test
    void shouldRejectAnUnmergedHigherTagWithoutWalkingToTheRoot() throws IOException {
        Path dir = temp.resolve("repo");
        String root;
        try (TestRepo repo = TestRepo.init(dir)) {
            root = repo.commit("chore: root");
            for (int i = 1; i < COMMITS - 3; i++) {
                repo.commit("fix: change " + i);
            }
            repo.annotatedTag("v1.0.0", repo.head());
            repo.commit("feat: one");
            repo.commit("fix: two");
            repo.commit("chore: three");
            repo.branch("experiment").checkout("experiment");
            repo.annotatedTag("v9.0.0", repo.commit("feat: experiment that never lands"));
            repo.checkout("main");
        }
        CGit.run(dir, "commit-graph", "write", "--reachable");
        Files.delete(looseObject(dir, root));

        SemverTagResult result;
        try (JGitRepository repository = JGitRepository.open(dir)) {
            result = new SemverTagCommand(repository).setDryRun(true).setFetch(false).call();
        }

        assertThat(result.getPreviousTag()).isEqualTo("v1.0.0");
        assertThat(result.getCommits()).hasSize(3);
        assertThat(result.getVersion()).isEqualTo("1.1.0");
    }

    @Test
    void shouldLeaveTheRepositoryConfigurationAsItIs() throws IOException {
        Path dir = temp.resolve("plain");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.commit("feat: first");
        }
        String before = Files.readString(dir.resolve(".git/config"));

        try (JGitRepository repository = JGitRepository.open(dir)) {
            new SemverTagCommand(repository).setDryRun(true).setFetch(false).call();
        }

        assertThat(Files.readString(dir.resolve(".git/config"))).isEqualTo(before);
    }

    private static Path looseObject(final Path dir, final String id) {
        return dir.resolve(".git/objects").resolve(id.substring(0, 2)).resolve(id.substring(2));
    }
}
