package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentCommandTest {
    @Test
    void shouldUseJavaFromThePathWithoutJavaHome() {
        assertThat(AgentCommand.javaExecutable(Map.of(), true)).isEqualTo("java");
        assertThat(AgentCommand.javaExecutable(Map.of("JAVA_HOME", " "), false)).isEqualTo("java");
    }

    @Test
    void shouldUseJavaHomeOfTheBuild() {
        assertThat(AgentCommand.javaExecutable(Map.of("JAVA_HOME", "/opt/jdk-17/"), true))
                .isEqualTo("/opt/jdk-17/bin/java");
        assertThat(AgentCommand.javaExecutable(Map.of("JAVA_HOME", "C:\\jdk17"), false))
                .isEqualTo("C:\\jdk17\\bin\\java.exe");
    }

    @Test
    void shouldStartTheAgentCommandOfTheJar() {
        assertThat(AgentCommand.command("java", "/ws/app@tmp/release-ledger-cli-0123.jar"))
                .containsExactly("java", "-jar", "/ws/app@tmp/release-ledger-cli-0123.jar", "agent");
    }
}
