package io.releaseledger.semver;

import io.releaseledger.commits.Bump;
import io.releaseledger.version.SemanticVersion;
import io.releaseledger.version.TagPrefix;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;

/**
 * The version arithmetic, free of git: from the tags HEAD reaches and the commits since, the next version.
 *
 * <ul>
 *   <li>No tag: the initial version.</li>
 *   <li>Otherwise the strongest bump of the counted commits is applied to the highest final version HEAD
 *   reaches; if the highest reachable tag is a pre-release whose core is higher (a {@code 1.3.0-rc.2}), that
 *   core wins, so a release branch turns the pre-release into its final version.</li>
 *   <li>A bump of {@link Bump#NONE} (only commits that count for nothing, or none at all) gives no new version,
 *   except that a release branch still finalizes a pre-release.</li>
 *   <li>Other branches get {@code X.Y.Z-<id>.N}, N one past the highest existing tag of that core and id.</li>
 * </ul>
 */
final class VersionCalculator {
    private final SemanticVersion initialVersion;
    private final Bump breakingBelowOne;
    private final TagPrefix prefix;

    VersionCalculator(final SemanticVersion initialVersion, final Bump breakingBelowOne, final TagPrefix prefix) {
        this.initialVersion = initialVersion;
        this.breakingBelowOne = breakingBelowOne;
        this.prefix = prefix;
    }

    /**
     * @param base the highest-precedence tag reachable from HEAD, or {@code null}
     * @param finalBase the highest final (not pre-release) tag reachable from HEAD, or {@code null}
     * @param commits the commits since {@code base}, each with its bump
     * @param preReleaseId the pre-release identifier, or {@code null} on a release branch
     * @param existing every version that has a tag, here or on the remote, for pre-release numbering
     */
    Plan next(final VersionTag base, final VersionTag finalBase, final List<CountedCommit> commits,
            final String preReleaseId, final Collection<SemanticVersion> existing) {
        Bump bump = commits.stream().map(CountedCommit::getBump).reduce(Bump.NONE, Bump::max);
        boolean release = preReleaseId == null;
        if (base == null) {
            SemanticVersion core = release ? initialVersion.getCore() : initialVersion;
            SemanticVersion version = withPreRelease(core, preReleaseId, existing);
            return new Plan(version, prefix.tagName(version), null, bump,
                    "no tag matching '" + prefix + "' is reachable from HEAD, so this is the initial version "
                            + initialVersion + " (initialVersion)", commits, true);
        }
        boolean finalizes = release && base.getVersion().isPreRelease();
        if (bump == Bump.NONE && !finalizes) {
            return new Plan(base.getVersion(), base.getName(), base, bump, (commits.isEmpty()
                    ? "no commit since " + base.getName() + " counts"
                    : "none of the " + commits.size() + " commits since " + base.getName() + " calls for a release")
                    + ", so the version stays " + base.getVersion() + " and nothing is tagged", commits, false);
        }
        SemanticVersion bumped = finalBase == null ? null : apply(finalBase.getVersion().getCore(), bump);
        SemanticVersion core = bumped;
        String reason = bumped == null || bump == Bump.NONE ? "" : describe(bump, finalBase, commits);
        if (base.getVersion().isPreRelease()
                && (bumped == null || base.getVersion().getCore().compareTo(bumped) > 0)) {
            core = base.getVersion().getCore();
            reason = "pre-release " + base.getName() + " is reachable from HEAD, so the version continues its core "
                    + core + (bump == Bump.NONE ? "" : " (" + bump.name().toLowerCase(java.util.Locale.ROOT)
                    + " changes since it do not go beyond it)");
        }
        SemanticVersion version = withPreRelease(core, preReleaseId, existing);
        return new Plan(version, prefix.tagName(version), base, bump, reason, commits, true);
    }

    private SemanticVersion apply(final SemanticVersion core, final Bump bump) {
        switch (bump) {
            case MAJOR:
                return core.isMajorZero() && breakingBelowOne == Bump.MINOR ? core.nextMinor() : core.nextMajor();
            case MINOR:
                return core.nextMinor();
            case PATCH:
                return core.nextPatch();
            default:
                return core;
        }
    }

    private String describe(final Bump bump, final VersionTag finalBase, final List<CountedCommit> commits) {
        CountedCommit strongest = commits.stream().filter(commit -> commit.getBump() == bump).findFirst()
                .orElseThrow();
        long count = commits.stream().filter(commit -> commit.getBump() == bump).count();
        String bumpName = bump.name().toLowerCase(java.util.Locale.ROOT);
        String what = bump == Bump.MAJOR ? "a breaking change" : strongest.getType().isEmpty()
                ? "a commit that is not a feat or fix (otherCommitsBump)" : "a " + strongest.getType() + " commit";
        String belowOne = bump == Bump.MAJOR && finalBase.getVersion().isMajorZero() && breakingBelowOne == Bump.MINOR
                ? ", which below 1.0.0 bumps the minor version (breakingBelowOne)" : "";
        return bumpName + " bump from " + finalBase.getVersion().getCore() + " because of " + what + belowOne + ": "
                + strongest.getShortId() + " \"" + strongest.getSubject() + "\""
                + (count > 1 ? " and " + (count - 1) + " more" : "");
    }

    private static SemanticVersion withPreRelease(final SemanticVersion core, final String preReleaseId,
            final Collection<SemanticVersion> existing) {
        if (preReleaseId == null) {
            return core;
        }
        SemanticVersion plainCore = core.getCore();
        BigInteger highest = BigInteger.ZERO;
        for (SemanticVersion version : existing) {
            List<String> identifiers = version.getPreRelease();
            if (identifiers.size() == 2 && identifiers.get(0).equals(preReleaseId)
                    && version.getCore().compareTo(plainCore) == 0 && identifiers.get(1).matches("\\d+")) {
                highest = highest.max(new BigInteger(identifiers.get(1)));
            }
        }
        return plainCore.withPreRelease(preReleaseId, highest.add(BigInteger.ONE).toString());
    }
}
