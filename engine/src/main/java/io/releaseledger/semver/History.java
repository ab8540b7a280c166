package io.releaseledger.semver;

import io.releaseledger.commits.Bump;
import io.releaseledger.commits.ConventionalCommit;
import io.releaseledger.report.PhaseTimings;
import io.releaseledger.scm.CommitInfo;
import io.releaseledger.scm.Head;
import io.releaseledger.scm.ScmException;
import io.releaseledger.scm.ScmRepository;
import io.releaseledger.scm.TagRef;
import io.releaseledger.version.SemanticVersion;
import io.releaseledger.version.TagPrefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads what the calculation needs from the repository: the version tags, the base HEAD reaches, the commits. */
final class History {
    private final ScmRepository repository;
    private final TagPrefix prefix;
    private final List<String> paths;
    private final Bump otherCommitsBump;

    History(final ScmRepository repository, final TagPrefix prefix, final List<String> paths,
            final Bump otherCommitsBump) {
        this.repository = repository;
        this.prefix = prefix;
        this.paths = paths.stream().map(History::normalize).filter(path -> !path.isEmpty()).collect(Collectors.toList());
        this.otherCommitsBump = otherCommitsBump;
    }

    // Git paths are relative to the root, without a leading "./" or "/" and without a trailing "/".
    private static String normalize(final String path) {
        String result = path.strip().replace('\\', '/');
        while (result.startsWith("./")) {
            result = result.substring(2);
        }
        return result.replaceAll("^/+", "").replaceAll("/+$", "");
    }

    /**
     * @param preReleaseId {@code null} on a release branch
     * @param remoteTags tags known only from the remote, in addition to the local ones
     */
    Calculation calculate(final Head head, final boolean release, final String preReleaseId,
            final List<TagRef> remoteTags, final VersionCalculator calculator) {
        long started = PhaseTimings.start();
        Map<String, VersionTag> tags = versionTags(remoteTags);
        PhaseTimings.end("version: read the tags", started);
        Optional<VersionTag> onHead = tags.values().stream()
                .filter(tag -> head.getCommitId().equals(tag.getCommitId()))
                .filter(tag -> !release || !tag.getVersion().isPreRelease())
                .min(VersionTag.HIGHEST_FIRST);
        if (onHead.isPresent()) {
            VersionTag tag = onHead.get();
            Plan plan = new Plan(tag.getVersion(), tag.getName(), null, Bump.NONE,
                    "HEAD is already tagged " + tag.getName(), List.of(), false);
            return new Calculation(plan, true, tags);
        }
        List<VersionTag> sorted = tags.values().stream().filter(tag -> tag.getCommitId() != null)
                .sorted(VersionTag.HIGHEST_FIRST).collect(Collectors.toList());
        started = PhaseTimings.start();
        VersionTag base = firstReachable(sorted);
        PhaseTimings.end("version: highest reachable tag", started);
        VersionTag finalBase = base;
        if (base != null && base.getVersion().isPreRelease()) {
            finalBase = firstReachable(sorted.stream().filter(tag -> !tag.getVersion().isPreRelease())
                    .collect(Collectors.toList()));
        }
        List<CountedCommit> commits = counted(base);
        List<SemanticVersion> existing = tags.values().stream().map(VersionTag::getVersion)
                .collect(Collectors.toList());
        return new Calculation(calculator.next(base, finalBase, commits, preReleaseId, existing), false, tags);
    }

    private Map<String, VersionTag> versionTags(final List<TagRef> remoteTags) {
        Map<String, VersionTag> tags = new LinkedHashMap<>();
        List<TagRef> all = new ArrayList<>(repository.getTags());
        all.addAll(remoteTags);
        for (TagRef ref : all) {
            if (!tags.containsKey(ref.getName())) {
                prefix.parseTag(ref.getName()).ifPresent(version -> tags.put(ref.getName(),
                        new VersionTag(ref.getName(), version, ref.getCommitId().orElse(null))));
            }
        }
        return tags;
    }

    // Tags are ordered by preference, so the walk from HEAD can stop at the best one.
    private VersionTag firstReachable(final List<VersionTag> sorted) {
        List<String> commitIds = new ArrayList<>(sorted.stream().map(VersionTag::getCommitId)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        int index = repository.firstReachableFromHead(commitIds);
        if (index < 0) {
            return null;
        }
        String commit = commitIds.get(index);
        return sorted.stream().filter(tag -> tag.getCommitId().equals(commit)).findFirst().orElseThrow();
    }

    private List<CountedCommit> counted(final VersionTag base) {
        long started = PhaseTimings.start();
        List<CommitInfo> commits = repository.commitsFromHead(
                base == null ? List.of() : List.of(base.getCommitId()), paths);
        PhaseTimings.end("version: walk the commits since it", started);
        started = PhaseTimings.start();
        List<CountedCommit> counted = new ArrayList<>(commits.size());
        for (CommitInfo commit : commits) {
            ConventionalCommit conventional = ConventionalCommit.parse(commit.getMessage());
            counted.add(new CountedCommit(commit.getId(), conventional.getSubject(), conventional.getType(),
                    conventional.bump(otherCommitsBump), commit.getTime())
                    .withAuthor(commit.getAuthorName(), commit.getAuthorEmail()));
        }
        PhaseTimings.end("version: parse the messages", started);
        return counted;
    }

    /** The plan and the tags it was computed from. */
    static final class Calculation {
        private final Plan plan;
        private final boolean alreadyTagged;
        private final Map<String, VersionTag> tags;

        Calculation(final Plan plan, final boolean alreadyTagged, final Map<String, VersionTag> tags) {
            this.plan = plan;
            this.alreadyTagged = alreadyTagged;
            this.tags = tags;
        }

        Plan getPlan() {
            return plan;
        }

        boolean isAlreadyTagged() {
            return alreadyTagged;
        }

        /** Refuses a version whose tag already names another commit, here or on the remote as far as known. */
        void checkTagIsFree(final Head head) {
            VersionTag existing = tags.get(plan.getTag());
            if (existing != null && !head.getCommitId().equals(existing.getCommitId())) {
                throw new ScmException("The tag " + plan.getTag() + " already exists on "
                        + (existing.getCommitId() == null ? "another commit" : "commit " + existing.getCommitId())
                        + ", which is not HEAD (" + head.getCommitId() + "): that version was released from another"
                        + " commit that HEAD does not contain. Merge that release into this branch, or delete the tag"
                        + " if it is wrong. Nothing was changed.");
            }
        }
    }
}
