package io.releaseledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Proves {@link Component#REGISTRY}: an image pushed to the registry comes back with the same digest. */
@RequiresRealComponent({Component.DOCKER, Component.REGISTRY})
class RegistryComponentTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    @Test
    void shouldPushAnImageAndReadItsManifestDigestBack() throws Exception {
        String tag = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String reference = Component.registryAddress() + "/release-ledger-test/selftest:" + tag;
        Exec.check(null, TIMEOUT, List.of("docker", "tag", TestImages.busyboxHttpd(), reference));
        try {
            String push = Exec.check(null, TIMEOUT, List.of("docker", "push", reference));
            Matcher pushed = PUSHED_DIGEST.matcher(push);
            assertThat(pushed.find()).as("digest in: %s", push).isTrue();

            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + Component.registryAddress()
                    + "/v2/release-ledger-test/selftest/manifests/" + tag).toURL().openConnection(Proxy.NO_PROXY);
            connection.setRequestProperty("Accept", "application/vnd.docker.distribution.manifest.v2+json");
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(5_000);
            byte[] manifest;
            try (var in = connection.getInputStream()) {
                manifest = in.readAllBytes();
            }
            String served = connection.getHeaderField("Docker-Content-Digest");
            String computed = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest));

            assertThat(connection.getResponseCode()).isEqualTo(200);
            assertThat(served).isEqualTo(pushed.group(1));
            assertThat(computed).isEqualTo(pushed.group(1));
        } finally {
            Exec.run(null, TIMEOUT, List.of("docker", "rmi", reference));
        }
    }
}
