package io.releaseledger.health.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WebDriver client against real chromedriver and headless Chromium. */
@RequiresRealComponent(Component.CHROMIUM)
class WebDriverSessionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    @Test
    void shouldNavigateFindReadLogAndScreenshot() throws IOException {
        String html = "<html><body><h1 class='title'>Release  Ledger</h1>"
                + "<script>console.info('hello'); console.error('broken widget');</script></body></html>";
        try (TestPages pages = new TestPages().page("/", html);
                HeadlessChromium browser = HeadlessChromium.start(installation(), TIMEOUT)) {
            WebDriverSession session = browser.session();
            session.navigate(pages.url("/"), TIMEOUT);

            assertThat(session.getResponseStatus()).isEqualTo(200);
            assertThat(session.findElement("h1.title", Duration.ZERO)).isPresent();
            assertThat(session.getPageText()).isEqualTo("Release Ledger");
            List<BrowserLogEntry> log = session.getBrowserLog();
            assertThat(log).filteredOn(BrowserLogEntry::isSevere).extracting(BrowserLogEntry::getMessage)
                    .singleElement().asString().contains("broken widget");
            assertThat(log).extracting(BrowserLogEntry::getMessage).anyMatch(message -> message.contains("hello"));
            assertThat(session.getBrowserLog()).as("each entry is handed out once").isEmpty();
            Path png = session.saveScreenshot(directory.resolve("shots/page.png"));
            assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void shouldWaitForAnElementAndGiveUpAfterTheWait() throws IOException {
        String html = "<html><body><script>setTimeout(function () { document.body.innerHTML ="
                + " '<main id=\"late\">here</main>'; }, 300);</script></body></html>";
        try (TestPages pages = new TestPages().page("/", html);
                HeadlessChromium browser = HeadlessChromium.start(installation(), TIMEOUT)) {
            WebDriverSession session = browser.session();
            session.navigate(pages.url("/"), TIMEOUT);

            assertThat(session.findElement("#late", Duration.ofSeconds(5))).isPresent();
            long start = System.nanoTime();
            assertThat(session.findElement("#never", Duration.ofMillis(700))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(700),
                    Duration.ofSeconds(3));
            assertThatThrownBy(() -> session.findElement("#", Duration.ofSeconds(1)))
                    .isInstanceOf(WebDriverException.class)
                    .satisfies(e -> assertThat(((WebDriverException) e).getError()).isEqualTo("invalid selector"));
        }
    }

    @Test
    void shouldReportAPageThatCannotBeFetched() throws IOException {
        try (HeadlessChromium browser = HeadlessChromium.start(installation(), TIMEOUT)) {
            // Port 1 is on Chromium's list of unsafe ports: it shows its error page and reports no navigation error.
            assertThatThrownBy(() -> browser.session().navigate("http://127.0.0.1:1/", TIMEOUT))
                    .isInstanceOf(WebDriverException.class).hasMessage("net::ERR_UNSAFE_PORT");
        }
    }

    @Test
    void shouldStopEveryProcessAndDeleteTheProfileOnClose() throws IOException {
        HeadlessChromium browser = HeadlessChromium.start(installation(), TIMEOUT);
        Path profile = browser.getProfile();
        List<ProcessHandle> processes = ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("chrom"))
                .collect(Collectors.toList());
        assertThat(profile).isDirectory();
        assertThat(processes).as("chromedriver and Chromium").hasSizeGreaterThan(1);

        browser.close();

        assertThat(processes).filteredOn(WebDriverSessionTest::running).isEmpty();
        assertThat(profile.getParent()).doesNotExist();
    }

    private static ChromiumInstallation installation() {
        return ChromiumInstallation.find(System.getenv());
    }

    /** Alive and not a zombie: a container's init may be slow to reap what chromedriver left. */
    private static boolean running(final ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
