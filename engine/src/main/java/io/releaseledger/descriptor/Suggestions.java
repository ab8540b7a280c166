package io.releaseledger.descriptor;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?" for misspelled keys and values: the closest candidate by edit distance, if close enough. */
final class Suggestions {
    private Suggestions() {
    }

    /** {@code "; did you mean 'instances'?"}, or an empty string. */
    static String didYouMean(final String written, final Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = written.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, written.length() / 3);
        if (best == null || bestDistance > allowed) {
            best = prefixOf(lower, candidates);
        }
        if (best == null) {
            best = synonym(lower, candidates);
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /** A candidate that starts with what was written ({@code prod} for {@code production}). */
    private static String prefixOf(final String written, final Collection<String> candidates) {
        if (written.length() < 3) {
            return null;
        }
        for (String candidate : candidates) {
            if (candidate.toLowerCase(Locale.ROOT).startsWith(written)) {
                return candidate;
            }
        }
        return null;
    }

    /** A few words other tools use for what the descriptor calls differently. */
    private static String synonym(final String written, final Collection<String> candidates) {
        String meant;
        switch (written) {
            case "replicas":
            case "scale":
            case "count":
                meant = "instances";
                break;
            case "environment":
            case "environmentvariables":
            case "variables":
                meant = "env";
                break;
            case "restartpolicy":
                meant = "restart";
                break;
            case "networkmode":
                meant = "network";
                break;
            case "healthcheck":
            case "healthchecks":
            case "checks":
                meant = "healthGate";
                break;
            case "dependson":
            case "after":
                meant = "promotesFrom";
                break;
            default:
                return null;
        }
        return candidates.contains(meant) ? meant : null;
    }

    static int distance(final String a, final String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
