package io.jenkins.plugins.releaseledger;

import java.util.List;
import java.util.Map;

/** The command line that starts the Release Ledger agent: {@code java -jar <jar> agent}. No secret is ever on it. */
final class AgentCommand {
    static final String JAVA_HOME = "JAVA_HOME";

    private AgentCommand() {
    }

    /** {@code $JAVA_HOME/bin/java} when the build's environment sets {@code JAVA_HOME}, else {@code java} from the PATH. */
    static String javaExecutable(final Map<String, String> environment, final boolean unix) {
        String javaHome = environment.get(JAVA_HOME);
        if (javaHome == null || javaHome.isBlank()) {
            return "java";
        }
        String separator = unix ? "/" : "\\";
        String home = javaHome.trim();
        if (home.endsWith(separator)) {
            home = home.substring(0, home.length() - 1);
        }
        return home + separator + "bin" + separator + (unix ? "java" : "java.exe");
    }

    static List<String> command(final String javaExecutable, final String jarPath) {
        return List.of(javaExecutable, "-jar", jarPath, "agent");
    }
}
