package io.releaseledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Proves {@link Component#DOCKER}: containers from the locally built busybox image run and serve HTTP. */
@RequiresRealComponent(Component.DOCKER)
class DockerComponentTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void shouldRunAContainerAndReadItsOutput() {
        String output = Exec.check(null, TIMEOUT, List.of("docker", "run", "--rm", "--network", "none",
                TestImages.busyboxHttpd(), "sh", "-c", "echo hello from $(uname -s)"));

        assertThat(output.strip()).isEqualTo("hello from Linux");
    }

    @Test
    void shouldServeHttpOnLoopbackWithHostNetworking() throws Exception {
        String name = "release-ledger-selftest-" + UUID.randomUUID();
        int port = FreePorts.next();
        Exec.check(null, TIMEOUT, List.of("docker", "run", "-d", "--rm", "--name", name, "--network", "host",
                TestImages.busyboxHttpd(), "sh", "-c",
                "echo served-by-container > /www/probe.txt && exec httpd -f -p 127.0.0.1:" + port + " -h /www"));
        try {
            assertThat(getWithRetry("http://127.0.0.1:" + port + "/probe.txt").strip()).isEqualTo("served-by-container");
        } finally {
            Exec.run(null, TIMEOUT, List.of("docker", "rm", "-f", name));
        }
    }

    static String getWithRetry(String url) throws Exception {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
                connection.setConnectTimeout(2_000);
                connection.setReadTimeout(2_000);
                try (var in = connection.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } finally {
                    connection.disconnect();
                }
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }
}
