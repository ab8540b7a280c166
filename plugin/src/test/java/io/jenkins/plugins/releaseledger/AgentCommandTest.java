package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentCommandTest {
    private static final String JAR = "/ws/app@tmp/release-ledger-cli-0123.jar";

    @Test
    void shouldUseJavaHomeOfTheBuildFirst() {
        assertThat(AgentCommand.command(Map.of("JAVA_HOME", "/opt/jdk-17/"), true, "/agent/jre", JAR, "/r", "/s"))
                .containsExactly("/opt/jdk-17/bin/java", "-jar", JAR, "agent", "--request", "/r", "--response", "/s");
        assertThat(AgentCommand.command(Map.of("JAVA_HOME", "C:\\jdk17"), false, "C:\\agent\\jre", JAR, "r", "s"))
                .startsWith("C:\\jdk17\\bin\\java.exe");
    }

    @Test
    void shouldTryJavaOnThePathBeforeTheAgentJvmsJavaOnUnix() {
        assertThat(AgentCommand.command(Map.of("JAVA_HOME", " "), true, "/agent/jre", JAR, "/r", "/s"))
                .containsExactly("/bin/sh", "-c", AgentCommand.PATH_OR_AGENT_JAVA, "/agent/jre/bin/java", "-jar", JAR,
                        "agent", "--request", "/r", "--response", "/s");
    }

    @Test
    void shouldUseTheAgentJvmsJavaOnWindowsAndJavaFromThePathWhenItIsUnknown() {
        assertThat(AgentCommand.command(Map.of(), false, "C:\\agent\\jre\\", JAR, "r", "s"))
                .startsWith("C:\\agent\\jre\\bin\\java.exe", "-jar");
        assertThat(AgentCommand.command(Map.of(), true, null, JAR, "/r", "/s")).startsWith("java", "-jar");
    }

    /** Where the build sets JAVA_HOME, the agent JVM's java.home is neither used nor asked (a round trip). */
    @Test
    void shouldTellTheBuildsJavaHomeTrimmedOrNone() {
        assertThat(AgentCommand.javaHome(Map.of("JAVA_HOME", " /opt/jdk-17 "))).isEqualTo("/opt/jdk-17");
        assertThat(AgentCommand.javaHome(Map.of("JAVA_HOME", " "))).isNull();
        assertThat(AgentCommand.javaHome(Map.of())).isNull();
        assertThat(AgentCommand.java(Map.of("JAVA_HOME", "/opt/jdk-17"), true, null))
                .isEqualTo(AgentCommand.java(Map.of("JAVA_HOME", "/opt/jdk-17"), true, "/agent/jre"))
                .containsExactly("/opt/jdk-17/bin/java");
    }

    @Test
    void shouldPassTheRequestAndResponseAsFilesNotOnStdin() {
        assertThat(AgentCommand.command(Map.of(), true, null, JAR, "/t/req.json", "/t/resp.json"))
                .endsWith("agent", "--request", "/t/req.json", "--response", "/t/resp.json");
    }
}
