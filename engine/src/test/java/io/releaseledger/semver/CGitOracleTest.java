package io.releaseledger.semver;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.git.JGitRepository;
import io.releaseledger.scm.CGit;
import io.releaseledger.scm.TestRepo;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import io.releaseledger.version.TagPrefix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C git as the oracle: on generated histories with random tags, branches and merges, the base tag must be the
 * highest-precedence tag of {@code git tag --merged HEAD -l '<prefix>*'}, and the counted commits exactly
 * {@code git log <tag>..HEAD [-- paths]}.
 */
@RequiresRealComponent(Component.GIT)
class CGitOracleTest {
    private static final TagPrefix PREFIX = TagPrefix.DEFAULT;

    @TempDir
    private Path temp;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldAgreeWithCGitOnRandomHistories(final long seed) {
        Path dir = temp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir)) {
            generate(repo, new Random(seed));
        }

        compare(dir, List.of(), command -> { });
        compare(dir, List.of("api"), command -> command.setPaths(List.of("api/")));

        // the same with the commit-graph git gc writes: reachability then follows generation numbers
        CGit.run(dir, "commit-graph", "write", "--reachable");
        compare(dir, List.of(), command -> { });
        compare(dir, List.of("api"), command -> command.setPaths(List.of("api/")));
    }

    private void compare(final Path dir, final List<String> paths, final Consumer<SemverTagCommand> options) {
        Optional<String> expectedTag = Arrays.stream(CGit.run(dir, "tag", "--merged", "HEAD", "-l", PREFIX + "*")
                        .split("\n"))
                .filter(name -> PREFIX.parseTag(name).isPresent())
                .max(Comparator.comparing((String name) -> PREFIX.parseTag(name).orElseThrow())
                        .thenComparing(Comparator.reverseOrder()));
        List<String> logArgs = new ArrayList<>(List.of("log", "--format=%H",
                expectedTag.map(tag -> tag + "..HEAD").orElse("HEAD")));
        if (!paths.isEmpty()) {
            logArgs.add("--");
            logArgs.addAll(paths);
        }
        Set<String> expectedCommits = Arrays.stream(CGit.run(dir, logArgs.toArray(String[]::new)).split("\n"))
                .filter(line -> !line.isBlank()).collect(Collectors.toSet());

        SemverTagResult result;
        try (JGitRepository repository = JGitRepository.open(dir)) {
            SemverTagCommand command = new SemverTagCommand(repository).setDryRun(true).setFetch(false)
                    .setOtherCommitsBump(io.releaseledger.commits.Bump.PATCH);
            options.accept(command);
            result = command.call();
        }

        assertThat(Optional.ofNullable(result.getPreviousTag()).map(tag -> PREFIX.parseTag(tag).orElseThrow()))
                .isEqualTo(expectedTag.map(tag -> PREFIX.parseTag(tag).orElseThrow()));
        assertThat(result.getCommits()).extracting(CountedCommit::getId)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedCommits);
    }

    /** Branches that fork and merge, with version tags (some invalid, some pre-releases) sprinkled on commits. */
    private static void generate(final TestRepo repo, final Random random) {
        repo.commit("chore: root", "api/root.txt");
        List<String> branches = new ArrayList<>(List.of("main"));
        int branchCount = 0;
        for (int i = 0; i < 150; i++) {
            int action = random.nextInt(20);
            if (action == 0) {
                String name = "b" + (++branchCount);
                repo.branch(name);
                branches.add(name);
            } else if (action == 1 && branches.size() > 1) {
                String current = currentBranch(repo);
                String other = branches.get(random.nextInt(branches.size()));
                if (!other.equals(current)) {
                    repo.merge(other, "Merge " + other + " into " + current);
                }
            } else if (action == 2) {
                repo.checkout(branches.get(random.nextInt(branches.size())));
            } else {
                String path = random.nextBoolean() ? "api/f" + i + ".txt" : "web/f" + i + ".txt";
                repo.commit(randomType(random) + ": change " + i, path);
            }
            if (random.nextInt(8) == 0) {
                String version = randomVersion(random);
                String name = random.nextInt(10) == 0 ? "x" + version : "v" + version;
                if (!repo.tags().contains(name)) {
                    if (random.nextBoolean()) {
                        repo.annotatedTag(name, repo.head());
                    } else {
                        repo.tag(name);
                    }
                }
            }
        }
        repo.checkout("main");
        repo.commit("fix: last", "api/last.txt");
    }

    private static String currentBranch(final TestRepo repo) {
        try {
            return repo.git().getRepository().getBranch();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomType(final Random random) {
        return List.of("feat", "fix", "chore", "docs", "feat!", "refactor").get(random.nextInt(6));
    }

    private static String randomVersion(final Random random) {
        String core = random.nextInt(3) + "." + random.nextInt(12) + "." + random.nextInt(12);
        switch (random.nextInt(6)) {
            case 0:
                return core + "-rc." + random.nextInt(4);
            case 1:
                return core + "-beta";
            case 2:
                return "0" + core; // leading zero: not a version, must be ignored
            default:
                return core;
        }
    }
}
