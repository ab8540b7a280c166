package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/examples/haproxy.cfg and the release-ledger.yaml beside it stay a working pair: HAProxy accepts the
 * configuration, the descriptor loads without a problem, and each environment's runtime API, backend, servers and
 * ports are the ones the configuration declares.
 */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @Test
    void shouldLoadTheExampleDescriptorAndMatchTheExampleHaproxyConfiguration() throws Exception {
        String config = Files.readString(EXAMPLES.resolve("haproxy.cfg"), StandardCharsets.UTF_8);
        ReleaseDescriptor descriptor = DescriptorLoader.load(EXAMPLES.resolve("release-ledger.yaml"));

        assertThat(descriptor.getEnvironments()).extracting(EnvironmentSpec::getName)
                .containsExactly("staging", "production");
        assertThat(config).contains("stats socket ipv4@127.0.0.1:9999 level admin");
        for (EnvironmentSpec environment : descriptor.getEnvironments()) {
            assertThat(environment.getLoadBalancer().getRuntimeApi()).isEqualTo("127.0.0.1:9999");
            String backend = environment.getLoadBalancer().getBackend();
            String block = backendBlock(config, backend);
            int first = environment.getName().equals("staging") ? 8081 : 9081;
            assertThat(block).as(backend).contains("server local-1 127.0.0.1:" + first + " check")
                    .contains("server local-2 127.0.0.1:" + (first + 1) + " check")
                    .contains("option httpchk GET /health");
            assertThat(environment.getContainer().getNetwork()).isEqualTo("host");
        }
    }

    @Test
    @RequiresRealComponent(Component.HAPROXY)
    void shouldBeAcceptedByHaproxy() throws Exception {
        Process check = new ProcessBuilder("haproxy", "-c", "-f", EXAMPLES.resolve("haproxy.cfg").toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
    }

    /** The lines of one backend section, up to the next section. */
    private static String backendBlock(final String config, final String backend) {
        int start = config.indexOf("\nbackend " + backend + "\n");
        assertThat(start).as("backend " + backend + " in haproxy.cfg").isNotNegative();
        int end = config.indexOf("\nbackend ", start + 1);
        return config.substring(start, end < 0 ? config.length() : end);
    }
}
