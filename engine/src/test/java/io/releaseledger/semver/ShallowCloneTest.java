package io.releaseledger.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.git.JGitRepository;
import io.releaseledger.scm.CGit;
import io.releaseledger.scm.ScmException;
import io.releaseledger.scm.TestRepo;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shallow clone (C git's --depth 1) never yields a silently wrong version. */
@RequiresRealComponent(Component.GIT)
class ShallowCloneTest {
    @TempDir
    private Path temp;
    private Path clone;

    @BeforeEach
    void createShallowClone() throws Exception {
        Path remote = temp.resolve("remote.git");
        try (TestRepo bare = TestRepo.initBare(remote); TestRepo work = TestRepo.init(temp.resolve("work"))) {
            work.commit("feat: base");
            work.tag("v2.3.0");
            for (int i = 0; i < 5; i++) {
                work.commit("fix: fix " + i);
            }
            work.addRemote("origin", remote.toUri().toString()).pushAll("origin");
        }
        CGit.run(temp, "clone", "-q", "--depth", "1", "--no-tags", remote.toUri().toString(), "clone");
        clone = temp.resolve("clone");
        assertThat(Files.exists(clone.resolve(".git/shallow"))).isTrue();
    }

    private SemverTagResult semverTag(final Consumer<SemverTagCommand> options) {
        try (JGitRepository repository = JGitRepository.open(clone)) {
            SemverTagCommand command = new SemverTagCommand(repository);
            options.accept(command);
            return command.call();
        }
    }

    @Test
    void shouldUnshallowAndFetchTagsBeforeComputing() {
        SemverTagResult result = semverTag(command -> command.setPush(false));

        assertThat(result.getPreviousTag()).isEqualTo("v2.3.0");
        assertThat(result.getVersion()).isEqualTo("2.3.1");
        assertThat(result.getCommits()).hasSize(5);
        assertThat(Files.exists(clone.resolve(".git/shallow"))).isFalse();
    }

    @Test
    void shouldRefuseAShallowCloneItMayNotFetch() {
        assertThatThrownBy(() -> semverTag(command -> command.setFetch(false)))
                .isInstanceOf(ScmException.class).hasMessageContaining("shallow")
                .hasMessageContaining("git fetch --unshallow --tags");
        assertThatThrownBy(() -> semverTag(command -> command.setDryRun(true)))
                .isInstanceOf(ScmException.class).hasMessageContaining("shallow");
        assertThat(Files.exists(clone.resolve(".git/shallow"))).isTrue();
    }
}
