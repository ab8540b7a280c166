package io.jenkins.plugins.releaseledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * Which JVM an agent process runs, as eight hex digits in the names of its class archives ({@link AgentStartup}).
 * An archive that another JVM made is not merely ignored: the JVM then shares no class at all, not even from the
 * JDK's own default archive, and starts slower than without one; and under one name for all JVMs the archive would
 * never be made again after a change of {@code JAVA_HOME} (a Pipeline's {@code tools { jdk … }} in one job and not
 * in another on the same workspace) or an update of the JDK in place. The launcher {@code ./release-ledger} keys its
 * own archives the same way ({@code jvm_key}).
 * <p>
 * The key is a CRC32 of the words that start the JVM ({@link AgentCommand#java}: {@code $JAVA_HOME/bin/java}, or
 * the PATH-or-agent-Java shell line with the agent JVM's java) and of the {@code JAVA_RUNTIME_VERSION},
 * {@code JAVA_VERSION} and {@code IMPLEMENTOR} lines of that Java home's {@code release} file, read on the agent in
 * one call. CRC32 rather than the launcher's FNV-1a because the JDK has it: the two keys never meet (the launcher's
 * archives are its own, beside the CLI jar), and 32 bits tell the few JVMs of one workspace apart (a collision costs
 * what one name for all cost). A missing, unreadable or oversized {@code release} file is no error: the key then
 * comes from the words alone.
 * <p>
 * Not covered, since the controller decides before the start what it cannot see:
 * <ul>
 * <li>Without {@code JAVA_HOME} on Unix, {@code /bin/sh} picks {@code java} from the PATH only at the start, on the
 * agent or inside the step's container: the key names the agent JVM's Java (its path and {@code release} file), so
 * another {@code java} found on the PATH shares that key, and its archive is another JVM's again when that
 * {@code java} changes.</li>
 * <li>The {@code release} file is read on the agent's file system, not inside a container: for a step in one, a
 * {@code JAVA_HOME} of the image is read on the agent at the same path, if there is one, so an image whose JDK
 * changed at the same path keeps its key.</li>
 * <li>Symbolic links are not resolved (the launcher resolves {@code java}'s): a {@code JAVA_HOME} that is a link to
 * another JDK changes the key only through its {@code release} file, so not between two builds of one version by one
 * implementor.</li>
 * </ul>
 */
final class AgentJvmKey {
    static final String RELEASE = "release";
    /** Debian's JDK 17.0.15 has 1,229 bytes, most of them the MODULES line. */
    static final int RELEASE_LIMIT = 64 * 1024;
    private static final List<String> RELEASE_LINES = List.of("JAVA_RUNTIME_VERSION=", "JAVA_VERSION=", "IMPLEMENTOR=");

    private AgentJvmKey() {
    }

    /**
     * @param agentJavaHome {@code java.home} of the Jenkins agent's JVM; {@code null} when unknown or not asked (the
     *                      build's {@code JAVA_HOME} chooses)
     * @param homes         a Java home's directory on the agent, by its path; read once, only its {@code release}
     */
    static String of(final Map<String, String> environment, final boolean unix, final String agentJavaHome,
            final Function<String, AgentJarInstall.Directory> homes) throws InterruptedException {
        String javaHome = AgentCommand.javaHome(environment);
        String home = javaHome != null ? javaHome : agentJavaHome;
        return of(AgentCommand.java(environment, unix, agentJavaHome),
                home == null || home.isBlank() ? null : homes.apply(home.trim()));
    }

    /** @param home the Java home of {@code java}; {@code null} when unknown (a bare {@code java}) */
    private static String of(final List<String> java, final AgentJarInstall.Directory home)
            throws InterruptedException {
        StringBuilder text = new StringBuilder();
        java.forEach(word -> text.append(word).append('\n'));
        if (home != null) {
            releaseLines(home).forEach(line -> text.append(line).append('\n'));
        }
        CRC32 checksum = new CRC32();
        checksum.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", checksum.getValue());
    }

    private static List<String> releaseLines(final AgentJarInstall.Directory home) throws InterruptedException {
        String release;
        try {
            release = home.read(RELEASE, RELEASE_LIMIT);
        } catch (IOException e) {
            return List.of(); // no such file (a path only inside a container, a home without one) or not readable
        }
        return release == null ? List.of() : release.lines().map(String::strip)
                .filter(line -> RELEASE_LINES.stream().anyMatch(line::startsWith)).toList();
    }
}
