package io.jenkins.plugins.releaseledger;

import java.nio.charset.StandardCharsets;

/**
 * Application names on the controller: the default (the job's full name) and the token that names an application
 * in a URL ({@code <job>/releases/<token>/}).
 */
final class Applications {
    /** {@code <job>/releases/api/} is the first application's API, so an application called so gets another token. */
    private static final String API = "api";

    private Applications() {
    }

    /** The step's {@code application} parameter, else the full name of the job ({@code folder/job}). */
    static String of(final String parameter, final String jobFullName) {
        return parameter == null || parameter.isBlank() ? jobFullName : parameter.trim();
    }

    /**
     * One URL path segment per application, different for different names: {@code [A-Za-z0-9._-]} stay, every other
     * UTF-8 byte becomes {@code ~XX} ({@code shop/main} → {@code shop~2Fmain}). No {@code %} and no {@code /}, so
     * neither the servlet container nor a proxy decodes or rejects it; a leading dot and the name {@code api} are
     * escaped too, so the token is never {@code .}, {@code ..} or the API's own path.
     */
    static String urlToken(final String application) {
        StringBuilder token = new StringBuilder();
        byte[] bytes = application.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean escapeFirst = i == 0 && (c == '.' || API.equals(application));
            if (isSafe(c) && !escapeFirst) {
                token.append((char) c);
            } else {
                token.append('~').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return token.toString();
    }

    private static boolean isSafe(final int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }
}
