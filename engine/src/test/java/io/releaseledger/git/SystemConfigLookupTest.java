package io.releaseledger.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.scm.TestRepo;
import io.releaseledger.semver.SemverTagCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.util.FS_POSIX;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemConfigLookupTest {
    @TempDir
    Path temp;

    // What the background lookup relies on: JGit's FS keeps the system configuration's path once found, so a lookup
    // done early is not done again when the repository is opened.
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
    void shouldOpenRepositoriesAfterTheLookupStartedInTheBackground() throws IOException {
        Path dir = temp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.commit("feat: first");
        }

        JGitRepository.findSystemConfigInBackground();
        JGitRepository.findSystemConfigInBackground();
        String version;
        try (JGitRepository repository = JGitRepository.open(dir)) {
            version = new SemverTagCommand(repository).setDryRun(true).setFetch(false).call().getVersion();
        }

        assertThat(version).isEqualTo("0.1.0");
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
