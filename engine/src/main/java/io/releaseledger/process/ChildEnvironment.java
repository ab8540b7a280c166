package io.releaseledger.process;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The environment a check's own program gets (a {@code command} check, chromedriver and the browser it starts):
 * a small base a program needs to run, never what the agent holds, so the agent's secrets
 * ({@code RELEASE_LEDGER_*}) and anything else bound into the build stay out of programs the descriptor names.
 */
public final class ChildEnvironment {
    /**
     * Kept when present: where programs are, who and where the user is, language and time zone, temp dirs, and
     * Jenkins' process cookie (no secret: it lets Jenkins clean up a program the agent left behind).
     */
    static final Set<String> BASE = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR",
            "TEMP", "TMP", "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "JENKINS_NODE_COOKIE");

    private ChildEnvironment() {
    }

    /** Removes from a {@link ProcessBuilder#environment()} every variable that is not in the base. */
    public static void restrict(final Map<String, String> environment) {
        environment.keySet().removeIf(name -> !isBase(name));
    }

    static boolean isBase(final String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return BASE.contains(upper) || upper.startsWith("LC_");
    }
}
