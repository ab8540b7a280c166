package io.releaseledger.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.scm.ScmException;
import io.releaseledger.scm.TestRepo;
import io.releaseledger.semver.SemverTagCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.util.FS_POSIX;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryPreparationTest {
    @TempDir
    Path temp;

    @BeforeEach
    @AfterEach
    void forgetThePreparation() {
        JGitRepository.resetPreparation();
    }

    // What the preparation relies on: JGit's FS keeps the system configuration's path once found, so a lookup done
    // early is not done again when the repository is opened.
    @Test
    void shouldFindGitsSystemConfigurationOncePerFileSystem() {
        AtomicInteger lookups = new AtomicInteger();
        CountingFs fs = new CountingFs(lookups);

        File first = fs.getGitSystemConfig();
        File second = fs.getGitSystemConfig();

        assertThat(second).isEqualTo(first);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void shouldOpenTheRepositoryPreparedForTheSameDirectoryAndAnswerFromIt() throws IOException {
        Path dir = repository("repo");
        int taken = JGitRepository.preparedTaken();

        JGitRepository.prepareInBackground(dir.resolve("src"));
        JGitRepository.prepareInBackground(dir);

        assertThat(version(dir)).isEqualTo("1.1.0");
        assertThat(JGitRepository.preparedTaken()).isEqualTo(taken + 1);
    }

    @Test
    void shouldSeeWhatChangedInTheRepositoryAfterItWasPrepared() throws IOException {
        Path dir = repository("repo");
        JGitRepository.prepareInBackground(dir);
        JGitRepository.awaitPreparation();
        String after;
        try (TestRepo repo = TestRepo.open(dir)) {
            after = repo.commit("feat!: a breaking change after the preparation");
        }
        int taken = JGitRepository.preparedTaken();

        try (JGitRepository repository = JGitRepository.open(dir)) {
            assertThat(repository.getHead().getCommitId()).isEqualTo(after);
            assertThat(new SemverTagCommand(repository).setDryRun(true).setFetch(false).call().getVersion())
                    .isEqualTo("2.0.0");
        }
        assertThat(JGitRepository.preparedTaken()).isEqualTo(taken + 1);
    }

    @Test
    void shouldNotUseARepositoryPreparedForAnotherDirectory() throws IOException {
        Path other = repository("other");
        try (TestRepo repo = TestRepo.open(other)) {
            repo.commit("feat!: only in the other repository");
        }
        Path dir = repository("repo");
        int taken = JGitRepository.preparedTaken();

        JGitRepository.prepareInBackground(other);

        assertThat(version(dir)).isEqualTo("1.1.0");
        assertThat(JGitRepository.preparedTaken()).isEqualTo(taken);
    }

    @Test
    void shouldReportADirectoryOutsideAnyRepositoryAsItDoesWithoutThePreparation() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain"));

        JGitRepository.prepareInBackground(plain);

        assertThatThrownBy(() -> JGitRepository.open(plain)).isInstanceOf(ScmException.class)
                .hasMessageContaining("is not a git repository");
    }

    // v1.0.0 on the first commit, then a feat: the next version is 1.1.0.
    private Path repository(final String name) throws IOException {
        Path dir = temp.resolve(name);
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.commit("feat: first");
            repo.tag("v1.0.0");
            repo.commit("feat: second", "src/a.txt");
        }
        return dir;
    }

    private static String version(final Path dir) {
        try (JGitRepository repository = JGitRepository.open(dir)) {
            return new SemverTagCommand(repository).setDryRun(true).setFetch(false).call().getVersion();
        }
    }

    /** The POSIX file system of JGit, counting how often it looks for git's system configuration. */
    private static final class CountingFs extends FS_POSIX {
        private final AtomicInteger lookups;

        CountingFs(final AtomicInteger lookups) {
            this.lookups = lookups;
        }

        @Override
        protected File discoverGitSystemConfig() {
            lookups.incrementAndGet();
            return super.discoverGitSystemConfig();
        }
    }
}
