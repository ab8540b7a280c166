package io.jenkins.plugins.releaseledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lists that administrators type as one text (owners, deployers, applications): comma-, space- or line-separated. */
final class Names {
    private Names() {
    }

    static List<String> split(final String text) {
        List<String> names = new ArrayList<>();
        if (text != null) {
            for (String name : text.split("[,\\s]+")) {
                if (!name.isBlank() && !names.contains(name.trim())) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    /** The list as the form and JCasC show it: {@code null} when empty, so that an unset field stays unset. */
    static String join(final List<String> names) {
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /** User ids and group names compare case-insensitively, as most security realms treat them. */
    static boolean containsIgnoringCase(final List<String> names, final String name) {
        if (name == null) {
            return false;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (String candidate : names) {
            if (candidate.toLowerCase(Locale.ROOT).equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
