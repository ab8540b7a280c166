package io.releaseledger.ledger;

import java.util.Collection;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds issue keys in commit subjects: {@code #123} and {@code ABC-42} (upper-case project key, dash, number),
 * standing alone as words. A few well-known upper-case names with numbers ({@code UTF-8}, {@code SHA-256}, …)
 * are not issues.
 */
final class IssueKeys {
    private static final Pattern KEY = Pattern.compile("(?<![\\w#-])(#[0-9]+|[A-Z][A-Z0-9_]*-[0-9]+)(?![\\w-])");
    private static final Set<String> NOT_PROJECTS = Set.of("UTF", "SHA", "ISO", "RFC", "HTTP", "TLS", "AES");

    private IssueKeys() {
    }

    /** Adds the keys found in the text to {@code keys} (an insertion-ordered set keeps them unique, in order). */
    static void collect(final String text, final Collection<String> keys) {
        if (text == null || text.indexOf('#') < 0 && text.indexOf('-') < 0) {
            return;
        }
        Matcher matcher = KEY.matcher(text);
        while (matcher.find()) {
            String key = matcher.group(1);
            if (key.charAt(0) == '#' || !NOT_PROJECTS.contains(key.substring(0, key.indexOf('-')))) {
                keys.add(key);
            }
        }
    }
}
