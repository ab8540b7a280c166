package io.releaseledger.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.descriptor.BrowserCheckSpec;
import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.health.browser.ChromiumInstallation;
import io.releaseledger.health.browser.TestPages;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser check in real headless Chromium against pages served on 127.0.0.1. */
@RequiresRealComponent(Component.CHROMIUM)
class BrowserCheckTest {
    private static final Pattern SCREENSHOT = Pattern.compile("screenshot (\\S+\\.png)$");
    private static final String LATE_APP = "<html><body><p>starting</p><script>setTimeout(function () {"
            + " var app = document.createElement('div'); app.id = 'app'; app.textContent = 'Welcome back';"
            + " document.body.appendChild(app); }, 300);</script></body></html>";

    @TempDir
    Path screenshots;

    @Test
    void shouldPassWhenTheSelectorAndTheTextAppearAfterTheScriptRuns() throws IOException {
        try (TestPages pages = new TestPages().page("/", LATE_APP)) {
            CheckResult result = check("/").setWaitFor("#app").setText("Welcome back").run(target(pages));

            assertThat(result.isPassed()).as(result.getDetail()).isTrue();
            assertThat(result.getKind()).isEqualTo("browser");
            assertThat(result.getDetail()).startsWith(pages.url("/") + " loaded in ")
                    .contains("#app present", "\"Welcome back\" shown", "no console errors");
            assertThat(screenshots).isEmptyDirectory();
        }
    }

    @Test
    void shouldFailWithAPngScreenshotWhenTheSelectorNeverAppears() throws IOException {
        try (TestPages pages = new TestPages().page("/shop", LATE_APP)) {
            CheckResult result = check("/shop").setWaitFor("#checkout").setTimeout(Duration.ofSeconds(6))
                    .run(target(pages));

            assertThat(result.isPassed()).isFalse();
            assertThat(result.isFatal()).isFalse();
            assertThat(result.getDetail()).startsWith("no element matches #checkout within 6 s; screenshot ");
            Path file = screenshotOf(result);
            assertThat(file).exists().hasParent(screenshots);
            byte[] png = Files.readAllBytes(file);
            assertThat(png.length).isGreaterThan(100);
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }

    @Test
    void shouldFailWhenTheTextIsNotShown() throws IOException {
        try (TestPages pages = new TestPages().page("/", "<html><body><h1>Lorem ipsum</h1></body></html>")) {
            CheckResult result = check("/").setText("Welcome").setTimeout(Duration.ofSeconds(6)).run(target(pages));

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).startsWith("the page does not show \"Welcome\" within 6 s: \"Lorem ipsum\"");
            assertThat(screenshotOf(result)).exists();
        }
    }

    @Test
    void shouldFailOnAConsoleErrorUnlessItIsAllowed() throws IOException {
        String html = "<html><body><div id='app'>ok</div>"
                + "<script>console.log('just saying'); console.error('widget failed: quota');</script></body></html>";
        try (TestPages pages = new TestPages().page("/", html)) {
            CheckResult failed = check("/").setWaitFor("#app").run(target(pages));
            CheckResult allowed = check("/").setWaitFor("#app").setAllowedConsoleErrors(List.of("widget failed"))
                    .run(target(pages));

            assertThat(failed.isPassed()).isFalse();
            assertThat(failed.getDetail()).startsWith("1 console error: \"").contains("widget failed: quota")
                    .doesNotContain("just saying");
            assertThat(screenshotOf(failed)).exists();
            assertThat(allowed.isPassed()).as(allowed.getDetail()).isTrue();
        }
    }

    @Test
    void shouldFailWithinTheTimeoutWhenThePageNeverFinishesLoading() throws IOException {
        Duration timeout = Duration.ofSeconds(6);
        try (TestPages pages = new TestPages().hanging("/")) {
            long start = System.nanoTime();
            CheckResult result = check("/").setWaitFor("p").setTimeout(timeout).run(target(pages));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).startsWith(pages.url("/") + " did not finish loading within 6 s (Chromium "
                    + "took ").contains(" ms to start before that); screenshot ");
            // The budget starts once Chromium is up: the page's part of the run is measured against it.
            Duration page = took.minusMillis(startMillis(result));
            assertThat(page).isGreaterThanOrEqualTo(timeout.minusMillis(500)).isLessThan(timeout.plusSeconds(3));
        }
    }

    @Test
    void shouldGiveThePageItsWholeTimeoutAfterASlowBrowserStart(@TempDir final Path bin) throws IOException {
        // chromedriver that takes 6 s to come up, as on a loaded agent: more than the page's whole 5 s budget (5 s, not
        // less, because a page on a 2-core machine at load 20 needed more than 2 s once the browser was up).
        ChromiumInstallation installation = ChromiumInstallation.find(System.getenv());
        Path slow = bin.resolve("chromedriver");
        Files.writeString(slow, "#!/bin/sh\nsleep 6\nexec '" + installation.getChromedriver() + "' \"$@\"\n");
        slow.toFile().setExecutable(true);
        java.util.Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.put(ChromiumInstallation.CHROMIUM_VARIABLE, installation.getChromium().toString());
        environment.put(ChromiumInstallation.CHROMEDRIVER_VARIABLE, slow.toString());
        try (TestPages pages = new TestPages().page("/", LATE_APP)) {
            CheckResult result = check("/").setWaitFor("#app").setText("Welcome back").setTimeout(Duration.ofSeconds(5))
                    .setEnvironment(environment).run(target(pages));

            assertThat(result.isPassed()).as(result.getDetail()).isTrue();
            assertThat(result.getMillis()).isGreaterThanOrEqualTo(6000);
        }
    }

    @Test
    void shouldFailClearlyAndQuicklyWhenNothingListens() throws IOException {
        int port = closedPort();
        long start = System.nanoTime();
        CheckResult result = check("/").setTimeout(Duration.ofSeconds(20))
                .run(new CheckTarget("127.0.0.1", port, null, null));

        assertThat(result.isPassed()).isFalse();
        assertThat(result.getDetail())
                .startsWith("http://127.0.0.1:" + port + "/ did not load: net::ERR_CONNECTION_REFUSED");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void shouldFailWhenThePageAnswersAnErrorStatus() throws IOException {
        try (TestPages pages = new TestPages().page("/", 500, "<html><body>Internal error</body></html>")) {
            CheckResult result = check("/").run(target(pages));

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).startsWith(pages.url("/") + " answered 500");
        }
    }

    @Test
    void shouldCheckWhatTheDescriptorDeclares() throws IOException {
        String html = "<html><body><p>Welcome back</p><script>console.error('widget failed: quota')</script>"
                + "</body></html>";
        Path declared = screenshots.resolve("declared");
        try (TestPages pages = new TestPages().page("/", html)) {
            BrowserCheckSpec spec = (BrowserCheckSpec) DescriptorLoader.parse(String.join("\n",
                    "schemaVersion: 1",
                    "application: shop",
                    "image: localhost:5000/shop",
                    "environments:",
                    "  - name: staging",
                    "    hosts: [unix:///var/run/docker.sock]",
                    "    smokeChecks:",
                    "      checks:",
                    "        - browser: {url: '" + pages.url("/") + "', waitFor: '#checkout', text: Welcome back,",
                    "                    timeout: 6s, screenshotDirectory: '" + declared + "',",
                    "                    allowedConsoleErrors: [widget failed]}",
                    "")).getEnvironment("staging").orElseThrow().getSmokeChecks().getChecks().get(0);

            CheckResult result = new BrowserCheck("checkout", spec).run(target(pages));

            assertThat(result.isPassed()).isFalse();
            assertThat(result.getDetail()).startsWith("no element matches #checkout within 6 s; screenshot ")
                    .doesNotContain("console error");
            assertThat(screenshotOf(result)).hasParent(declared);
        }
    }

    private BrowserCheck check(final String url) {
        return new BrowserCheck("browser " + url, url).setScreenshotDirectory(screenshots)
                .setTimeout(Duration.ofSeconds(15));
    }

    private static CheckTarget target(final TestPages pages) {
        return new CheckTarget("127.0.0.1", pages.port(), null, null);
    }

    /** How long Chromium took to start, as the detail of a page that did not load says. */
    private static long startMillis(final CheckResult result) {
        Matcher matcher = Pattern.compile("\\(Chromium took (\\d+) ms to start").matcher(result.getDetail());
        assertThat(matcher.find()).as("the start time in: " + result.getDetail()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static Path screenshotOf(final CheckResult result) {
        Matcher matcher = SCREENSHOT.matcher(result.getDetail());
        assertThat(matcher.find()).as("a screenshot in: " + result.getDetail()).isTrue();
        return Path.of(matcher.group(1));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
