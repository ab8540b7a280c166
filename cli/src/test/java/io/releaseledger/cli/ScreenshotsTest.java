package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser tests rewrite the docs' tracked pictures only when asked to; target/screenshots always. */
class ScreenshotsTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path checkout;

    private Properties run(final String... properties) {
        Properties run = new Properties();
        run.setProperty("basedir", checkout.resolve("cli").toString());
        for (int i = 0; i < properties.length; i += 2) {
            run.setProperty(properties[i], properties[i + 1]);
        }
        return run;
    }

    @Test
    void shouldLeaveTheDocsAloneInAnOrdinaryRun() {
        Path saved = Screenshots.of(run()).saveForDocs("releases.png", PNG);

        assertThat(saved).isEqualTo(checkout.resolve("cli/target/screenshots/releases.png")).hasBinaryContent(PNG);
        assertThat(checkout.resolve("docs")).doesNotExist();
    }

    @Test
    void shouldLeaveTheDocsAloneUnlessThePropertyIsTrue() {
        Screenshots.of(run(Screenshots.WRITE_DOCS_PROPERTY, "no")).saveForDocs("releases.png", PNG);

        assertThat(checkout.resolve("docs")).doesNotExist();
    }

    @Test
    void shouldRefreshTheDocsImagesWhenAsked() {
        Screenshots.of(run(Screenshots.WRITE_DOCS_PROPERTY, "true")).saveForDocs("metrics-dark.png", PNG);

        assertThat(checkout.resolve("docs/images/metrics-dark.png")).hasBinaryContent(PNG);
        assertThat(checkout.resolve("cli/target/screenshots/metrics-dark.png")).hasBinaryContent(PNG);
    }

    @Test
    void shouldKeepScreenshotsForTheTestRunOnlyInTarget() {
        Screenshots.of(run(Screenshots.WRITE_DOCS_PROPERTY, "true")).save("releases-375.png", PNG);

        assertThat(checkout.resolve("cli/target/screenshots/releases-375.png")).hasBinaryContent(PNG);
        assertThat(checkout.resolve("docs")).doesNotExist();
    }
}
