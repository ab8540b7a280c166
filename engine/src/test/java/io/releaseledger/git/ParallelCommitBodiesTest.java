package io.releaseledger.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.scm.CGit;
import io.releaseledger.scm.CommitInfo;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history listed with a commit-graph (walk without bodies, bodies read on several threads) against the plain
 * sequential JGit walk that inflates each commit, commit by commit, on a real repository written by C git: thousands
 * of commits, merges of side branches, equal commit times, conventional and other messages, two directories.
 */
@RequiresRealComponent(Component.GIT)
class ParallelCommitBodiesTest {
    private static final int COMMITS = 4_000;

    @TempDir
    static Path temp;
    static Path withGraph;
    static Path withoutGraph;
    static String base;

    @BeforeAll
    static void generate() throws IOException, InterruptedException {
        withoutGraph = temp.resolve("plain");
        Files.createDirectories(withoutGraph);
        CGit.run(withoutGraph, "init", "-q", "-b", "main");
        Path stream = temp.resolve("history.fi");
        Files.writeString(stream, history(), StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder("git", "fast-import", "--quiet").directory(withoutGraph.toFile())
                .redirectInput(stream.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("fi.log").toFile());
        CGit.isolate(builder.environment());
        assertThat(builder.start().waitFor()).isZero();
        CGit.run(withoutGraph, "reset", "-q", "--hard", "main");
        base = CGit.run(withoutGraph, "rev-parse", "main~1500").trim();
        withGraph = temp.resolve("graph");
        CGit.run(temp, "clone", "-q", "--no-local", withoutGraph.toString(), withGraph.toString());
        CGit.run(withGraph, "checkout", "-q", "-B", "main", "origin/main");
        CGit.run(withGraph, "commit-graph", "write", "--reachable", "--changed-paths");
        assertThat(withGraph.resolve(".git/objects/info/commit-graph")).exists();
        assertThat(withoutGraph.resolve(".git/objects/info/commit-graph")).doesNotExist();
    }

    // Main line commits every second apart but in runs of equal times; every 40th commit merges a side branch of
    // three commits forked 10 commits earlier, so the walk interleaves lines and breaks ties.
    private static String history() {
        Random random = new Random(11);
        StringBuilder out = new StringBuilder();
        long time = 1_700_000_000L;
        int mark = 0;
        int[] mainMarks = new int[COMMITS];
        for (int i = 0; i < COMMITS; i++) {
            if (i % 40 == 39 && i > 20) {
                int fork = mainMarks[i - 11];
                int side = fork;
                for (int s = 0; s < 3; s++) {
                    mark++;
                    commit(out, "refs/heads/side", mark, side, 0, time - 5 + s, message(random, i * 10 + s),
                            "b/side" + i + ".txt");
                    side = mark;
                }
                mark++;
                commit(out, "refs/heads/main", mark, mainMarks[i - 1], side, time, "Merge branch 'side'\n", null);
            } else {
                mark++;
                commit(out, "refs/heads/main", mark, i == 0 ? 0 : mainMarks[i - 1], 0, time, message(random, i),
                        (i % 3 == 0 ? "a/" : "b/") + "file" + (i % 17) + ".txt");
            }
            mainMarks[i] = mark;
            if (i % 4 == 0) {
                time++;
            }
        }
        return out.toString();
    }

    private static void commit(final StringBuilder out, final String ref, final int mark, final int parent,
            final int merged, final long time, final String message, final String file) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        out.append("commit ").append(ref).append('\n').append("mark :").append(mark).append('\n')
                .append("author Dev ").append(mark % 7).append(" <dev").append(mark % 5).append("@example.invalid> ")
                .append(time).append(" +0000\n")
                .append("committer Ci <ci@example.invalid> ").append(time).append(" +0000\n")
                .append("data ").append(bytes.length).append('\n').append(message).append('\n');
        if (parent > 0) {
            out.append("from :").append(parent).append('\n');
        }
        if (merged > 0) {
            out.append("merge :").append(merged).append('\n');
        }
        if (file != null) {
            String content = "change " + mark + "\n";
            out.append("M 644 inline ").append(file).append('\n').append("data ")
                    .append(content.getBytes(StandardCharsets.UTF_8).length).append('\n').append(content).append('\n');
        }
    }

    private static String message(final Random random, final int i) {
        return switch (random.nextInt(6)) {
            case 0 -> "feat(core): add thing " + i + "\n";
            case 1 -> "fix: repair " + i + "\n\nLonger body line for " + i + ".\n";
            case 2 -> "refactor!: drop old API " + i + "\n\nBREAKING CHANGE: callers change " + i + "\n";
            case 3 -> "Update README " + i + " (ünïcödé)\n";
            case 4 -> "chore(deps): bump " + i + "\n\nSigned-off-by: Dev <dev@example.invalid>\n";
            default -> "wip " + i + "\n";
        };
    }

    @Test
    void shouldListTheWholeHistoryAsTheSequentialWalkDoes() throws IOException {
        assertSameAsSequential(List.of(), List.of());
    }

    @Test
    void shouldListTheCommitsSinceABaseAsTheSequentialWalkDoes() throws IOException {
        assertSameAsSequential(List.of(base), List.of());
    }

    @Test
    void shouldListTheCommitsOfOneDirectoryAsTheSequentialWalkDoes() throws IOException {
        assertSameAsSequential(List.of(base), List.of("a"));
    }

    @Test
    void shouldKeepTheOrderWhateverTheNumberOfThreads() throws IOException {
        List<CommitInfo> sequential = sequential(withGraph, List.of(), List.of());
        List<ObjectId> ids = sequential.stream().map(commit -> ObjectId.fromString(commit.getId())).toList();
        try (Repository repository = new FileRepositoryBuilder().setWorkTree(withGraph.toFile()).build()) {
            for (int threads : new int[] {1, 2, 3, 7}) {
                assertThat(lines(CommitBodies.read(repository, ids, threads))).as("%d threads", threads)
                        .containsExactlyElementsOf(lines(sequential));
            }
        }
    }

    private static void assertSameAsSequential(final Collection<String> excluded, final List<String> paths)
            throws IOException {
        List<String> expected = lines(sequential(withGraph, excluded, paths));
        assertThat(expected).hasSizeGreaterThan(paths.isEmpty() ? 1_000 : 300);
        assertThat(lines(sequential(withoutGraph, excluded, paths))).containsExactlyElementsOf(expected);
        for (Path dir : List.of(withGraph, withoutGraph)) {
            try (JGitRepository repository = JGitRepository.open(dir)) {
                // Twice: the second listing reuses the walk the first one left.
                assertThat(lines(repository.commitsFromHead(excluded, paths))).as(dir.toString())
                        .containsExactlyElementsOf(expected);
                assertThat(repository.firstReachableFromHead(List.of(base))).isZero();
                assertThat(lines(repository.commitsFromHead(excluded, paths))).as(dir.toString())
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    // The walk as it was before commit bodies were read apart: one RevWalk inflating every commit it walks.
    private static List<CommitInfo> sequential(final Path dir, final Collection<String> excluded,
            final List<String> paths) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setWorkTree(dir.toFile()).build();
                RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve("HEAD")));
            for (String id : excluded) {
                walk.markUninteresting(walk.parseCommit(ObjectId.fromString(id)));
            }
            if (!paths.isEmpty()) {
                walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
            }
            List<CommitInfo> commits = new ArrayList<>();
            for (RevCommit commit : walk) {
                commits.add(new CommitInfo(commit.name(), commit.getFullMessage(),
                        java.time.Instant.ofEpochSecond(commit.getCommitTime()), commit.getAuthorIdent().getName(),
                        commit.getAuthorIdent().getEmailAddress()));
            }
            return commits;
        }
    }

    private static List<String> lines(final List<CommitInfo> commits) {
        return commits.stream().map(commit -> commit.getId() + " " + commit.getTime() + " " + commit.getAuthorName()
                + " <" + commit.getAuthorEmail() + "> " + commit.getMessage()).toList();
    }
}
