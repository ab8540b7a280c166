package io.releaseledger.process;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a check's own program sees of the agent's environment: the base, never a secret. */
class ChildEnvironmentTest {
    @Test
    void shouldStartAProgramWithoutTheAgentsSecretsButWithItsPath() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("env").redirectErrorStream(true);
        builder.environment().put("RELEASE_LEDGER_CREDENTIAL_DB_PASSWORD", "s3cret-value");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "another-secret");
        builder.environment().put("LC_ALL", "C");

        ChildEnvironment.restrict(builder.environment());
        Process process = builder.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(printed).doesNotContain("RELEASE_LEDGER_", "s3cret-value", "AWS_SECRET_ACCESS_KEY")
                .contains("PATH=", "LC_ALL=C");
    }

    @Test
    void shouldKeepOnlyTheBase() {
        assertThat(ChildEnvironment.isBase("PATH")).isTrue();
        assertThat(ChildEnvironment.isBase("Path")).isTrue(); // Windows spells it so
        assertThat(ChildEnvironment.isBase("LC_CTYPE")).isTrue();
        assertThat(ChildEnvironment.isBase("RELEASE_LEDGER_GIT_PASSWORD")).isFalse();
        assertThat(ChildEnvironment.isBase("GITHUB_TOKEN")).isFalse();
    }
}
