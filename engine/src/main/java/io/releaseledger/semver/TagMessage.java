package io.releaseledger.semver;

import java.util.List;

/** The message of the annotated tag: the version, why, and the commits it contains. */
final class TagMessage {
    // A tag message is read by people; a first release of a long history would otherwise list every commit.
    private static final int MAX_LISTED = 500;

    private TagMessage() {
    }

    static String of(final Plan plan) {
        StringBuilder text = new StringBuilder();
        text.append("Release ").append(plan.getVersion()).append("\n\n");
        text.append(capitalize(plan.getReason())).append(".\n");
        List<CountedCommit> commits = plan.getCommits();
        if (!commits.isEmpty()) {
            text.append('\n').append(commits.size() == 1 ? "1 commit" : commits.size() + " commits")
                    .append(plan.getPreviousTag() == null ? ":" : " since " + plan.getPreviousTag() + ":").append('\n');
            commits.stream().limit(MAX_LISTED)
                    .forEach(commit -> text.append("- ").append(commit.getShortId()).append(' ')
                            .append(commit.getSubject()).append('\n'));
            if (commits.size() > MAX_LISTED) {
                text.append("- … and ").append(commits.size() - MAX_LISTED).append(" more\n");
            }
        }
        return text.toString();
    }

    private static String capitalize(final String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
