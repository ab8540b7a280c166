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

        assertThat(name).matches("release-ledger-cli-[0-9a-f]{16}\\.jar");
        assertThat(AgentJar.fileName()).isEqualTo(name);
        assertThat(name).contains(AgentJar.sha256(AgentJar.resource()).substring(0, 16));
    }
}
