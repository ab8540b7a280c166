package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host name that cannot be resolved fails the http check with a reason that says so. The probe runs in its own
 * JVM whose resolver is a hosts file, so the test never sends a DNS query off the machine.
 */
class NameResolutionTest {
    @TempDir
    Path directory;

    @Test
    void shouldSayTheNameCannotBeResolved() throws Exception {
        Path hosts = Files.writeString(directory.resolve("hosts"), "127.0.0.1 localhost\n");

        List<String> lines = probe(hosts, "http://shop.example.invalid:8080/health");

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("false|").contains("cannot resolve", "shop.example.invalid")
                .doesNotContain("connection refused");
    }

    @Test
    void shouldStillReachAnAddressTheHostsFileKnows() throws Exception {
        Path hosts = Files.writeString(directory.resolve("hosts"), "127.0.0.1 localhost\n");
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = closed.getLocalPort();
            closed.close();

            List<String> lines = probe(hosts, "http://localhost:" + port + "/health");

            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("false|").contains("connection refused");
        }
    }

    private List<String> probe(final Path hosts, final String url) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Djdk.net.hosts.file=" + hosts,
                "-cp", System.getProperty("java.class.path"), NameResolutionProbe.class.getName(), url)
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the probe ends").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
