package io.releaseledger.semver;

import io.releaseledger.scm.Head;
import io.releaseledger.scm.ScmException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which branch the build is on and what that means for the version: a release branch, or the pre-release
 * identifier of another branch.
 */
final class BranchResolver {
    private static final String REFS_HEADS = "refs/heads/";

    private BranchResolver() {
    }

    /**
     * The explicit branch if given, else HEAD's branch, else {@code BRANCH_NAME}, else {@code GIT_BRANCH} without
     * its remote's name (Jenkins checks out a detached HEAD and says the branch in these variables).
     */
    static String resolve(final String explicit, final Head head, final Map<String, String> environment,
            final String remote) {
        if (explicit != null && !explicit.isBlank()) {
            return strip(explicit.strip(), remote);
        }
        if (head.getBranch().isPresent()) {
            return head.getBranch().get();
        }
        String branchName = environment.get("BRANCH_NAME");
        if (branchName != null && !branchName.isBlank()) {
            return strip(branchName.strip(), remote);
        }
        String gitBranch = environment.get("GIT_BRANCH");
        if (gitBranch != null && !gitBranch.isBlank()) {
            return strip(gitBranch.strip(), remote);
        }
        throw new ScmException("HEAD is detached (at " + head.getCommitId() + ") and the branch is not known:"
                + " set the 'branch' option, or BRANCH_NAME or GIT_BRANCH in the environment (Jenkins sets them for"
                + " multibranch and Git SCM jobs).");
    }

    private static String strip(final String branch, final String remote) {
        String result = branch;
        if (result.startsWith(REFS_HEADS)) {
            result = result.substring(REFS_HEADS.length());
        }
        if (result.startsWith("refs/remotes/")) {
            result = result.substring("refs/remotes/".length());
        }
        for (String remoteName : new String[] {remote, "origin"}) {
            if (remoteName != null && result.startsWith(remoteName + "/")) {
                return result.substring(remoteName.length() + 1);
            }
        }
        return result;
    }

    /** Whether the branch matches one of the names or globs ({@code *} within a path segment, {@code **} across). */
    static boolean isReleaseBranch(final String branch, final List<String> releaseBranches) {
        return releaseBranches.stream().anyMatch(pattern -> glob(pattern.strip()).matcher(branch).matches());
    }

    private static Pattern glob(final String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * The branch name as a pre-release identifier: runs of characters outside {@code [0-9A-Za-z-]} become one
     * {@code -}; a purely numeric result gets a {@code b} in front (numeric identifiers would compare as numbers
     * and must not have leading zeros).
     */
    static String preReleaseId(final String branch) {
        String id = branch.replaceAll("[^0-9A-Za-z-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+", "").replaceAll("-+$", "");
        if (id.isEmpty()) {
            return "branch";
        }
        return id.chars().allMatch(Character::isDigit) ? "b" + id : id;
    }
}
