package io.releaseledger.health.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChromeDriverService} with stand-in drivers that fail: the start says why and leaves nothing running. */
class WebDriverServiceTest {
    @TempDir
    Path directory;

    @Test
    void shouldReportADriverThatExitsWithItsOutput() throws IOException {
        Path driver = script("echo \"bind() failed: Cannot assign requested address ($1)\"; exit 3");

        assertThatThrownBy(() -> ChromeDriverService.start(driver, directory.resolve("log"), Duration.ofSeconds(5)))
                .isInstanceOf(WebDriverException.class)
                .hasMessageStartingWith("chromedriver exited with 3 before it was ready: bind() failed")
                .hasMessageContaining("(--port=");
    }

    @Test
    void shouldGiveUpOnADriverThatNeverAnswersAndStopIt() throws IOException {
        Path pidFile = directory.resolve("pid");
        Path driver = script("echo $$ > " + pidFile + "; exec sleep 30");
        long start = System.nanoTime();

        assertThatThrownBy(() -> ChromeDriverService.start(driver, directory.resolve("log"), Duration.ofSeconds(1)))
                .isInstanceOf(WebDriverException.class).hasMessageStartingWith("chromedriver was not ready in time");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the stand-in driver is stopped").isEmpty();
    }

    private Path script(final String body) throws IOException {
        Path file = Files.writeString(directory.resolve("chromedriver"), "#!/bin/sh\n" + body + "\n");
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file;
    }
}
