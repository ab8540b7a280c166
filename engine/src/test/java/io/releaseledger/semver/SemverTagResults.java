package io.releaseledger.semver;

import io.releaseledger.commits.Bump;
import io.releaseledger.version.SemanticVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Results of {@link SemverTagCommand} made without a repository, for tests of what reads them. */
public final class SemverTagResults {
    private SemverTagResults() {
    }

    /** Version 1.0.0 tagged (not pushed) on HEAD {@code commits.get(0)}, with no previous version. */
    public static SemverTagResult tagged(final List<CountedCommit> commits) {
        Plan plan = new Plan(SemanticVersion.of(1, 0, 0), "v1.0.0", null, Bump.MINOR, "a feature since the start",
                commits, true);
        return new SemverTagResult(plan, commits.isEmpty() ? null : commits.get(0).getId(), "main", true, false, true,
                false, false);
    }

    /**
     * {@code count} commits newest first, as the engine lists them: commit {@code i} has id {@code %040x} of
     * {@code count - i}, committer time {@code newest} minus {@code i} minutes, and author {@code authorOf(i)}.
     */
    public static List<CountedCommit> commits(final int count, final Instant newest,
            final java.util.function.IntFunction<String> authorOf) {
        List<CountedCommit> commits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String author = authorOf.apply(i);
            commits.add(new CountedCommit(String.format("%040x", count - i), "feat: change number " + (count - i)
                    + " of the long history", "feat", Bump.MINOR, newest.minusSeconds(60L * i))
                    .withAuthor(author, author == null ? null : author.toLowerCase().replace(' ', '.') + "@example.com"));
        }
        return commits;
    }
}
