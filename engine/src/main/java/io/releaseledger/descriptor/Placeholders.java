package io.releaseledger.descriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code {name}} placeholders of server names, check URLs and check addresses. */
final class Placeholders {
    static final Set<String> NAMES = Set.of("environment", "host", "address", "instance", "port");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private Placeholders() {
    }

    static String replace(final String pattern, final String environment, final String host, final String address,
            final int instance, final int port) {
        return pattern.replace("{environment}", environment)
                .replace("{host}", host)
                .replace("{address}", address)
                .replace("{instance}", Integer.toString(instance))
                .replace("{port}", Integer.toString(port));
    }

    /** The placeholders in {@code text} that are not in {@code allowed}. */
    static List<String> unknown(final String text, final Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!allowed.contains(matcher.group(1))) {
                unknown.add(matcher.group());
            }
        }
        return unknown;
    }

    static boolean uses(final String text, final String name) {
        return text.contains("{" + name + "}");
    }
}
