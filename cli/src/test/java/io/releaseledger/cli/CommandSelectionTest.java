package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandSelectionTest {
    @Test
    void shouldFindTheCommandAfterTheTopOptionsAndTheirValues() {
        assertThat(CommandSelection.of(new String[] {"-C", "version", "tag"}, Set.of("version", "tag")))
                .contains("tag");
        assertThat(CommandSelection.of(new String[] {"--quiet", "version"}, Set.of("version"))).contains("version");
        assertThat(CommandSelection.of(new String[] {"status"}, Set.of("version"))).isEmpty();
    }

    // Every form picocli accepts for -C/--repository (its option is inherited, so it may follow the command).
    @Test
    void shouldGuessTheRepositoryDirectoryInEveryFormOfTheOption() {
        assertThat(directory("version", "-q")).isEqualTo(Path.of("."));
        assertThat(directory("version", "-C", "work")).isEqualTo(Path.of("work"));
        assertThat(directory("-C", "work", "tag")).isEqualTo(Path.of("work"));
        assertThat(directory("tag", "-Cwork")).isEqualTo(Path.of("work"));
        assertThat(directory("tag", "-C=work")).isEqualTo(Path.of("work"));
        assertThat(directory("tag", "--repository", "a/b")).isEqualTo(Path.of("a/b"));
        assertThat(directory("tag", "--repository=a/b")).isEqualTo(Path.of("a/b"));
        assertThat(directory("-C", "first", "tag", "-C", "second")).isEqualTo(Path.of("second"));
        assertThat(directory("tag", "--", "-C", "after")).isEqualTo(Path.of("."));
        assertThat(directory("tag", "-C")).isEqualTo(Path.of("."));
    }

    private static Path directory(final String... args) {
        return CommandSelection.repositoryDirectory(args);
    }
}
