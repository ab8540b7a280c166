package io.releaseledger.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void shouldSplitRegistryRepositoryAndTag() {
        ImageReference reference = ImageReference.parse("127.0.0.1:5000/shop/web:1.4.0");

        assertThat(reference.getRegistry()).isEqualTo("127.0.0.1:5000");
        assertThat(reference.getRepository()).isEqualTo("shop/web");
        assertThat(reference.getTag()).contains("1.4.0");
        assertThat(reference.getDigest()).isEmpty();
        assertThat(reference.withDigest(DIGEST)).isEqualTo("127.0.0.1:5000/shop/web@" + DIGEST);
    }

    @Test
    void shouldReadADigestReference() {
        ImageReference reference = ImageReference.parse("registry.example.com/web@" + DIGEST);

        assertThat(reference.getRegistry()).isEqualTo("registry.example.com");
        assertThat(reference.getTag()).isEmpty();
        assertThat(reference.getDigest()).contains(DIGEST);
        assertThat(reference).hasToString("registry.example.com/web@" + DIGEST);
    }

    @Test
    void shouldDefaultToDockerHubLikeDocker() {
        assertThat(ImageReference.parse("busybox").getName()).isEqualTo("docker.io/library/busybox");
        assertThat(ImageReference.parse("acme/web:2").getName()).isEqualTo("docker.io/acme/web");
        assertThat(ImageReference.parse("localhost/web").getRegistry()).isEqualTo("localhost");
    }

    @Test
    void shouldNameTheMalformedPart() {
        assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/Web:1"))
                .hasMessageContaining("repository 'Web'");
        assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/web@sha256:12"))
                .hasMessageContaining("digest 'sha256:12'");
        assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/web:-x"))
                .hasMessageContaining("tag '-x'");
    }
}
