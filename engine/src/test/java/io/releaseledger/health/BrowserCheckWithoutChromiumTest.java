package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the browser check says on a machine without Chromium; runs everywhere, never skipped. */
class BrowserCheckWithoutChromiumTest {
    private static final String NEEDS = "the browser check needs Chromium and chromedriver on this machine (agent): "
            + "install Debian's chromium and chromium-driver or set "
            + "RELEASE_LEDGER_CHROMIUM/RELEASE_LEDGER_CHROMEDRIVER";

    @TempDir
    Path directory;

    @Test
    void shouldFailAtOnceWithHowToGetChromiumWhenTheConfiguredBinaryIsMissing() {
        Path bogus = directory.resolve("no-such-chromium");
        BrowserCheck check = new BrowserCheck("browser /", "/").setTimeout(Duration.ofSeconds(5))
                .setScreenshotDirectory(directory.resolve("screenshots"))
                .setEnvironment(Map.of("RELEASE_LEDGER_CHROMIUM", bogus.toString(), "PATH", "/usr/bin:/bin"));

        CheckResult result = check.run(new CheckTarget("127.0.0.1", 8080, null, null));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.isFatal()).as("waiting does not install Chromium").isTrue();
        assertThat(result.getDetail()).isEqualTo(NEEDS + " (RELEASE_LEDGER_CHROMIUM=" + bogus
                + " is not an executable file)");
        assertThat(result.getMillis()).isLessThan(1000);
        assertThat(directory.resolve("screenshots")).doesNotExist();
    }

    @Test
    void shouldNameTheMissingDriver() throws IOException {
        Path chromium = Files.writeString(directory.resolve("chromium"), "#!/bin/sh\nexit 1\n");
        assertThat(chromium.toFile().setExecutable(true)).isTrue();
        Path bogus = directory.resolve("no-such-chromedriver");
        CheckResult result = new BrowserCheck("browser /", "/")
                .setEnvironment(Map.of("RELEASE_LEDGER_CHROMIUM", chromium.toString(),
                        "RELEASE_LEDGER_CHROMEDRIVER", bogus.toString()))
                .run(new CheckTarget("127.0.0.1", 8080, null, null));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getDetail()).startsWith(NEEDS).endsWith("RELEASE_LEDGER_CHROMEDRIVER=" + bogus
                + " is not an executable file)");
    }
}
