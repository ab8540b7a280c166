package io.releaseledger.health.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link ChromiumInstallation} finds the two programs; with stand-in files, so it runs everywhere. */
class BrowserLookupTest {
    @TempDir
    Path root;

    private Path first;
    private Path second;
    private Path empty;

    @BeforeEach
    void directories() throws IOException {
        first = Files.createDirectories(root.resolve("first"));
        second = Files.createDirectories(root.resolve("second"));
        empty = Files.createDirectories(root.resolve("empty"));
    }

    @Test
    void shouldTakeTheFirstExecutablesOnPath() throws IOException {
        Path chromium = executable(second.resolve("chromium"));
        Path driver = executable(first.resolve("chromedriver"));
        executable(second.resolve("chromedriver"));

        ChromiumInstallation found = ChromiumInstallation.find(Map.of("PATH", path(first, second)), empty);

        assertThat(found.getChromium()).isEqualTo(chromium);
        assertThat(found.getChromedriver()).isEqualTo(driver);
    }

    @Test
    void shouldPreferTheVariablesToPath() throws IOException {
        executable(first.resolve("chromium"));
        executable(first.resolve("chromedriver"));
        Path chromium = executable(second.resolve("my-chromium"));
        Path driver = executable(second.resolve("my-driver"));

        ChromiumInstallation found = ChromiumInstallation.find(Map.of("PATH", path(first), "RELEASE_LEDGER_CHROMIUM",
                chromium.toString(), "RELEASE_LEDGER_CHROMEDRIVER", driver.toString()), empty);

        assertThat(found.getChromium()).isEqualTo(chromium);
        assertThat(found.getChromedriver()).isEqualTo(driver);
    }

    @Test
    void shouldFallBackToTheLastResortDirectory() throws IOException {
        Path chromium = executable(second.resolve("chromium"));
        Path driver = executable(second.resolve("chromedriver"));

        ChromiumInstallation found = ChromiumInstallation.find(Map.of("PATH", path(first)), second);

        assertThat(found.getChromium()).isEqualTo(chromium);
        assertThat(found.getChromedriver()).isEqualTo(driver);
    }

    @Test
    void shouldNotOverruleAVariableThatNamesNoExecutable() throws IOException {
        executable(first.resolve("chromium"));
        executable(first.resolve("chromedriver"));
        Path plain = Files.writeString(second.resolve("chromium"), "not executable");

        assertThatThrownBy(() -> ChromiumInstallation.find(Map.of("PATH", path(first),
                "RELEASE_LEDGER_CHROMIUM", plain.toString()), empty))
                .isInstanceOf(ChromiumNotFoundException.class)
                .hasMessage(ChromiumNotFoundException.NEEDS + " (RELEASE_LEDGER_CHROMIUM=" + plain
                        + " is not an executable file)");
    }

    @Test
    void shouldSayWhereItLookedWhenNothingIsThere() throws IOException {
        executable(first.resolve("chromium"));
        Files.createDirectories(first.resolve("chromedriver"));

        assertThatThrownBy(() -> ChromiumInstallation.find(Map.of("PATH", path(first)), empty))
                .hasMessageStartingWith("the browser check needs Chromium and chromedriver on this machine (agent): "
                        + "install Debian's chromium and chromium-driver or set RELEASE_LEDGER_CHROMIUM/"
                        + "RELEASE_LEDGER_CHROMEDRIVER")
                .hasMessageEndingWith("(no chromedriver on PATH or in " + empty
                        + ", and RELEASE_LEDGER_CHROMEDRIVER is not set)");
    }

    private static Path executable(final Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file;
    }

    private static String path(final Path... directories) {
        StringBuilder path = new StringBuilder("/nonexistent");
        for (Path directory : directories) {
            path.append(File.pathSeparator).append(directory);
        }
        return path.toString();
    }
}
