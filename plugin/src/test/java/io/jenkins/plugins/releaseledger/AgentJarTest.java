package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

class AgentJarTest {
    @Test
    void shouldShipTheRunnableCliJar() throws Exception {
        URL jar = AgentJar.resource();

        try (InputStream in = jar.openStream(); JarInputStream entries = new JarInputStream(in)) {
            Manifest manifest = entries.getManifest();
            assertThat(manifest).as("manifest of the shipped CLI jar").isNotNull();
            assertThat(manifest.getMainAttributes().getValue("Main-Class")).isNotBlank();
        }
    }

    @Test
    void shouldNameTheCopyAfterTheContent() throws Exception {
        String name = AgentJar.fileName();

        assertThat(name).matches("release-ledger-cli-[0-9a-f]{64}\\.jar");
        assertThat(AgentJar.fileName()).isEqualTo(name);
        assertThat(name).contains(AgentJar.sha256(AgentJar.resource()));
        assertThat(AgentJar.size()).isPositive();
    }

    @Test
    void shouldKeepTheCopyInTheNodeBlocksWorkspaceNotInTheStepsDirectory() {
        // dir('sub') changes the step's FilePath, not WORKSPACE: one copy per workspace, none in the working tree.
        assertThat(AgentJar.cacheWorkspace("/agent/workspace/app/sub", "/agent/workspace/app")).isEqualTo("/agent/workspace/app");
        assertThat(AgentJar.cacheWorkspace("/agent/workspace/app/a/b", "/agent/workspace/app/")).isEqualTo("/agent/workspace/app");
        assertThat(AgentJar.cacheWorkspace("/agent/workspace/app", "/agent/workspace/app")).isEqualTo("/agent/workspace/app");
        assertThat(AgentJar.cacheWorkspace("C:\\ws\\app\\sub", "C:\\ws\\app")).isEqualTo("C:\\ws\\app");
    }

    @Test
    void shouldUseTheStepsDirectoryOutsideTheWorkspaceOrWithoutOne() {
        assertThat(AgentJar.cacheWorkspace("/agent/workspace/app-other", "/agent/workspace/app"))
                .isEqualTo("/agent/workspace/app-other");
        assertThat(AgentJar.cacheWorkspace("/elsewhere", "/agent/workspace/app")).isEqualTo("/elsewhere");
        assertThat(AgentJar.cacheWorkspace("/agent/workspace/app/sub", null)).isEqualTo("/agent/workspace/app/sub");
    }
}
