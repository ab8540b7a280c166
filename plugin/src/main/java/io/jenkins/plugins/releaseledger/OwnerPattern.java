package io.jenkins.plugins.releaseledger;

/**
 * One owner entry of an application: a job's full name ({@code shop/main}), a folder's full name ({@code shop}: every
 * job below it), or a pattern where {@code *} stands for one name ({@code shop/*}) and {@code **} for any path below
 * ({@code teams/**}). Jenkins-free.
 */
final class OwnerPattern {
    private OwnerPattern() {
    }

    static boolean matches(final String pattern, final String jobFullName) {
        String owner = strip(pattern);
        if (owner.isEmpty()) {
            return false;
        }
        if (!owner.contains("*")) {
            return jobFullName.equals(owner) || jobFullName.startsWith(owner + "/");
        }
        return jobFullName.matches(regex(owner));
    }

    private static String strip(final String pattern) {
        String owner = pattern == null ? "" : pattern.trim();
        while (owner.endsWith("/")) {
            owner = owner.substring(0, owner.length() - 1);
        }
        return owner;
    }

    private static String regex(final String pattern) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**", i)) {
                regex.append(".+");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]+");
                i++;
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return regex.toString();
    }
}
