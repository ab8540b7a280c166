package io.jenkins.plugins.releaseledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line that starts the Release Ledger agent:
 * {@code <java> -jar <jar> agent --request <file> --response <file>}. No secret is ever on it.
 * <p>
 * Which Java, in this order: {@code $JAVA_HOME/bin/java} when the build's environment sets {@code JAVA_HOME} (the
 * Pipeline chose it); else {@code java} from the PATH where the step runs (inside the container when the step runs
 * in one); else the Java of the Jenkins agent's own JVM. On Unix the last two are chosen by {@code /bin/sh} at start,
 * so a container without {@code java} on its PATH still starts when it sees the agent JVM's Java; on Windows the
 * agent JVM's Java is used directly.
 */
final class AgentCommand {
    static final String JAVA_HOME = "JAVA_HOME";

    /** {@code $0} is the agent JVM's java: used only when {@code java} is not on the PATH. */
    static final String PATH_OR_AGENT_JAVA =
            "if command -v java >/dev/null 2>&1; then exec java \"$@\"; else exec \"$0\" \"$@\"; fi";

    private AgentCommand() {
    }

    /**
     * @param environment   the build's environment (for {@code JAVA_HOME})
     * @param unix          whether the step runs on Unix
     * @param agentJavaHome {@code java.home} of the Jenkins agent's JVM; {@code null} when unknown (or not asked: see
     *                      {@link #javaHome})
     */
    static List<String> command(final Map<String, String> environment, final boolean unix, final String agentJavaHome,
            final String jarPath, final String requestPath, final String responsePath) {
        return command(environment, unix, agentJavaHome, jarPath, List.of(), requestPath, responsePath);
    }

    /** @param jvmOptions options of the JVM, before {@code -jar} (see {@link AgentStartup}) */
    static List<String> command(final Map<String, String> environment, final boolean unix, final String agentJavaHome,
            final String jarPath, final List<String> jvmOptions, final String requestPath, final String responsePath) {
        List<String> command = new ArrayList<>(java(environment, unix, agentJavaHome));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jarPath, "agent", "--request", requestPath, "--response", responsePath));
        return command;
    }

    /** The words that start the JVM, before its options: the Java chosen in the order above. */
    static List<String> java(final Map<String, String> environment, final boolean unix, final String agentJavaHome) {
        String javaHome = javaHome(environment);
        if (javaHome != null) {
            return List.of(javaIn(javaHome, unix));
        } else if (agentJavaHome == null || agentJavaHome.isBlank()) {
            return List.of("java");
        } else if (unix) {
            return List.of("/bin/sh", "-c", PATH_OR_AGENT_JAVA, javaIn(agentJavaHome, true));
        }
        return List.of(javaIn(agentJavaHome, false));
    }

    /**
     * The build's {@code JAVA_HOME}, trimmed; {@code null} when it sets none. Where it sets one, the agent JVM's
     * {@code java.home} is not needed (nor asked: a round trip to the agent).
     */
    static String javaHome(final Map<String, String> environment) {
        String javaHome = environment.get(JAVA_HOME);
        return javaHome == null || javaHome.isBlank() ? null : javaHome.trim();
    }

    /** {@code <home>/bin/java}, or {@code <home>\bin\java.exe} on Windows. */
    static String javaIn(final String home, final boolean unix) {
        String separator = unix ? "/" : "\\";
        String trimmed = home.trim();
        if (trimmed.endsWith(separator)) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed + separator + "bin" + separator + (unix ? "java" : "java.exe");
    }
}
