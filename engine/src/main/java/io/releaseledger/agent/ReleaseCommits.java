package io.releaseledger.agent;

import io.releaseledger.json.InstantText;
import io.releaseledger.semver.CountedCommit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commits part of the {@code semverTag} result, bounded: the newest {@code max} commits in full, the count of all,
 * and of the rest only what governance and the metrics need. The controller reads the agent's response with a 16 MB
 * limit, and the {@code version.tagged} event every ledger reader carries is made from it: listing the 200,000
 * commits of a long history's first tag would refuse a tag already pushed, or make a ledger line of some 37 MB (9.4 MB
 * for 50,000 measured, docs/performance.md).
 */
final class ReleaseCommits {
    private final List<CountedCommit> commits;
    private final int max;

    /** @param commits newest first, as {@code SemverTagCommand} counts them */
    ReleaseCommits(final List<CountedCommit> commits, final int max) {
        this.commits = commits;
        this.max = max;
    }

    /**
     * Puts {@code commits} (at most {@code max}, the newest) and {@code commitCount}; when commits are left out, also
     * {@code omittedAuthors} (their authors not among the listed ones: none of them may approve the release) and
     * {@code omittedCommitTimes} (their committer times in epoch seconds: lead time is a median over every commit).
     */
    void putInto(final Map<String, Object> result) {
        int listed = Math.min(max, commits.size());
        List<Map<String, Object>> entries = new ArrayList<>(listed);
        Set<List<String>> listedAuthors = new HashSet<>();
        for (CountedCommit commit : commits.subList(0, listed)) {
            entries.add(entry(commit));
            listedAuthors.add(author(commit));
        }
        result.put("commits", entries);
        result.put("commitCount", commits.size());
        if (listed == commits.size()) {
            return;
        }
        Set<List<String>> omittedAuthors = new LinkedHashSet<>();
        List<Long> omittedTimes = new ArrayList<>(commits.size() - listed);
        for (CountedCommit commit : commits.subList(listed, commits.size())) {
            List<String> author = author(commit);
            if (!listedAuthors.contains(author) && (author.get(0) != null || author.get(1) != null)) {
                omittedAuthors.add(author);
            }
            Instant time = commit.getTime();
            omittedTimes.add(time == null ? null : time.getEpochSecond());
        }
        List<Map<String, Object>> authors = new ArrayList<>(omittedAuthors.size());
        for (List<String> author : omittedAuthors) {
            Map<String, Object> entry = new LinkedHashMap<>();
            putIfKnown(entry, "author", author.get(0));
            putIfKnown(entry, "authorEmail", author.get(1));
            authors.add(entry);
        }
        result.put("omittedAuthors", authors);
        result.put("omittedCommitTimes", omittedTimes);
    }

    private static Map<String, Object> entry(final CountedCommit commit) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", commit.getId());
        entry.put("subject", commit.getSubject());
        entry.put("type", commit.getType());
        entry.put("bump", commit.getBump().name());
        if (commit.getTime() != null) {
            entry.put("time", InstantText.format(commit.getTime()));
        }
        putIfKnown(entry, "author", commit.getAuthor());
        putIfKnown(entry, "authorEmail", commit.getAuthorEmail());
        return entry;
    }

    /** Name and address; either may be null (so not {@code List.of}). */
    private static List<String> author(final CountedCommit commit) {
        return Arrays.asList(commit.getAuthor(), commit.getAuthorEmail());
    }

    private static void putIfKnown(final Map<String, Object> entry, final String key, final String value) {
        if (value != null) {
            entry.put(key, value);
        }
    }
}
