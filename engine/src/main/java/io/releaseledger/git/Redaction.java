package io.releaseledger.git;

import io.releaseledger.scm.GitCredentials;
import java.util.regex.Pattern;

/** Removes credentials from text before it reaches a message: URL user info and every known secret. */
final class Redaction {
    // scheme://user:password@host or scheme://token@host: both parts may be secret.
    private static final Pattern URL_USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]*@");

    private Redaction() {
    }

    static String redact(final String text, final GitCredentials credentials) {
        if (text == null) {
            return "";
        }
        String result = URL_USER_INFO.matcher(text).replaceAll("$1");
        for (String secret : credentials.getSecrets()) {
            result = result.replace(secret, "****");
        }
        return result;
    }

    static String redactUrl(final String url) {
        return url == null ? "" : URL_USER_INFO.matcher(url).replaceAll("$1");
    }
}
