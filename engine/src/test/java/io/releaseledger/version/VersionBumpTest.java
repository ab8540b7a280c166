package io.releaseledger.version;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.version.VersionBump.Part;
import org.junit.jupiter.api.Test;

class VersionBumpTest {
    private static String bump(final String version, final Part part, final String preId) {
        return VersionBump.apply(SemanticVersion.parse(version), part, preId).toString();
    }

    @Test
    void shouldBumpAReleaseAndDropBuildMetadata() {
        assertThat(bump("1.4.2+build.7", Part.MAJOR, null)).isEqualTo("2.0.0");
        assertThat(bump("1.4.2", Part.MINOR, null)).isEqualTo("1.5.0");
        assertThat(bump("1.4.2", Part.PATCH, null)).isEqualTo("1.4.3");
    }

    @Test
    void shouldFinishAPreReleaseWhenTheBumpLeadsToIt() {
        assertThat(bump("2.0.0-rc.1", Part.MAJOR, null)).isEqualTo("2.0.0");
        assertThat(bump("1.5.0-rc.1", Part.MAJOR, null)).isEqualTo("2.0.0");
        assertThat(bump("1.5.0-rc.1", Part.MINOR, null)).isEqualTo("1.5.0");
        assertThat(bump("1.5.1-rc.1", Part.MINOR, null)).isEqualTo("1.6.0");
        assertThat(bump("1.5.1-rc.1", Part.PATCH, null)).isEqualTo("1.5.1");
    }

    @Test
    void shouldCountUpOrStartAPreRelease() {
        assertThat(bump("1.4.0-rc.1", Part.PRERELEASE, null)).isEqualTo("1.4.0-rc.2");
        assertThat(bump("1.4.0-rc", Part.PRERELEASE, null)).isEqualTo("1.4.0-rc.1");
        assertThat(bump("1.4.0", Part.PRERELEASE, null)).isEqualTo("1.4.1-rc.1");
        assertThat(bump("1.4.0", Part.PRERELEASE, "beta")).isEqualTo("1.4.1-beta.1");
        assertThat(bump("1.4.0-alpha.3", Part.PRERELEASE, "beta")).isEqualTo("1.4.0-beta.1");
        assertThat(bump("1.4.0-rc.9", Part.PRERELEASE, "rc")).isEqualTo("1.4.0-rc.10");
    }
}
