package io.releaseledger.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code WWW-Authenticate} challenge: {@code Basic realm="…"} or {@code Bearer realm="…",service="…",scope="…"}. */
final class AuthChallenge {
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

    private final String scheme;
    private final Map<String, String> parameters;

    private AuthChallenge(final String scheme, final Map<String, String> parameters) {
        this.scheme = scheme;
        this.parameters = parameters;
    }

    /** Reads the header; an unknown or empty one gives scheme {@code ""}. */
    static AuthChallenge parse(final String header) {
        String text = header == null ? "" : header.trim();
        int space = text.indexOf(' ');
        String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (space > 0) {
            Matcher matcher = PARAMETER.matcher(text.substring(space + 1));
            while (matcher.find()) {
                String value = matcher.group(2) != null ? matcher.group(2).replaceAll("\\\\(.)", "$1") : matcher.group(3);
                parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), value);
            }
        }
        return new AuthChallenge(scheme, parameters);
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }

    String get(final String name) {
        return parameters.get(name);
    }

    @Override
    public String toString() {
        return scheme + " " + parameters;
    }
}
