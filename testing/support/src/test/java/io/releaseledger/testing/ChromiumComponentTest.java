package io.releaseledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves {@link Component#CHROMIUM}: headless Chromium runs a page's script and takes a screenshot. */
@RequiresRealComponent(Component.CHROMIUM)
class ChromiumComponentTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void shouldRenderALocalPageWithItsScript() throws Exception {
        Path page = dir.resolve("page.html");
        Files.writeString(page, "<!doctype html><html><body><h1 id='v'>static</h1>"
                + "<script>document.getElementById('v').textContent = 'rendered-' + (6 * 7);</script></body></html>");
        Path screenshot = dir.resolve("shot.png");

        String dom = Exec.check(dir, TIMEOUT, chromium("--dump-dom", page.toUri().toString()));
        Exec.check(dir, TIMEOUT, chromium("--screenshot=" + screenshot, "--window-size=400,300", page.toUri().toString()));

        assertThat(dom).contains("<h1 id=\"v\">rendered-42</h1>");
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void shouldHaveAWorkingChromeDriver() {
        assertThat(Exec.check(dir, TIMEOUT, List.of("/usr/bin/chromedriver", "--version"))).contains("ChromeDriver");
    }

    private List<String> chromium(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/chromium", "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(arguments));
        return command;
    }
}
