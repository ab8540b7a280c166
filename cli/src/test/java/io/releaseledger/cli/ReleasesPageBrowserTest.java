package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Releases page in real headless Chromium ({@link BrowserFixture}), served by {@code release-ledger serve}
 * in-process from a ledger the engine wrote.
 */
@RequiresRealComponent(Component.CHROMIUM)
class ReleasesPageBrowserTest {
    /** Narrower than this, "production" or "2 hours ago" no longer fit on a line at Jenkins' table font size. */
    private static final double MIN_COLUMN_PX = 72;
    /** Per history column: the header's rendered width and the most lines any of its cells takes. */
    private static final String COLUMNS = """
            const table = document.querySelector('#release-ledger .rl-table');
            const names = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent);
            const result = {};
            names.forEach((name, index) => {
              const th = table.querySelectorAll('thead th')[index];
              let lines = 0;
              table.querySelectorAll('tbody tr').forEach((tr) => {
                const td = tr.children[index];
                const range = document.createRange();
                range.selectNodeContents(td);
                const lineHeight = parseFloat(getComputedStyle(td).lineHeight);
                const tops = [];
                Array.from(range.getClientRects()).filter((r) => r.width > 0).forEach((r) => {
                  if (!tops.some((top) => Math.abs(top - r.top) < lineHeight / 2)) {
                    tops.push(r.top);
                  }
                });
                lines = Math.max(lines, tops.length);
              });
              result[name] = {width: th.getBoundingClientRect().width, lines: lines};
            });
            return result;
            """;

    @TempDir
    Path root;

    private static final Screenshots SCREENSHOTS = Screenshots.ofThisRun();

    @RegisterExtension
    final BrowserFixture browser = new BrowserFixture();

    private ServeFixture serve;
    private ChromeDriver driver;

    @BeforeEach
    void start() {
        LedgerFixture.write(root);
        serve = browser.serve(root);
        driver = browser.driver();
    }

    @Test
    @SuppressWarnings("unchecked")
    void rendersTheLedgerSafelyAndResponsively() {
        Map<String, Object> state = Json.parseObject(serve.get("api/state").body());
        driver.get(serve.uri().toString());
        browser.await("the page loaded with its history", () -> browser.count("#release-ledger[data-loaded='true'] .rl-table tbody tr") > 0);

        // Environments in the order of the API, each with its version, digest and who deployed it.
        List<WebElement> cards = driver.findElements(By.cssSelector("#release-ledger .rl-env"));
        assertThat(cards).extracting(card -> card.getAttribute("data-environment")).containsExactly("staging", "production");
        List<Map<String, Object>> environments = (List<Map<String, Object>>) state.get("environments");
        for (int i = 0; i < environments.size(); i++) {
            Map<String, Object> current = (Map<String, Object>) environments.get(i).get("current");
            WebElement card = cards.get(i);
            assertThat(card.findElement(By.cssSelector(".rl-version")).getText()).isEqualTo(current.get("version"));
            assertThat(card.getText()).contains(((Map<String, Object>) current.get("deployedBy")).get("name").toString());
            String digest = ((Map<String, Object>) current.get("image")).get("digest").toString();
            WebElement shown = card.findElement(By.cssSelector(".rl-digest"));
            assertThat(shown.getAttribute("title")).isEqualTo(digest);
            assertThat(shown.getText()).isEqualTo(digest.substring(0, "sha256:".length() + 12) + "…");
        }
        WebElement staging = cards.get(0);
        WebElement production = cards.get(1);
        assertThat(staging.findElement(By.cssSelector(".rl-version")).getText()).isEqualTo("1.4.1");
        assertThat(staging.getText()).contains("Alice Example", "registry.example/shop:1.4.1", "passed");
        assertThat(staging.findElement(By.cssSelector(".rl-lock")).getText())
                .contains("deploying 1.5.0 — build #" + LedgerFixture.LOCK_BUILD);
        assertThat(staging.findElement(By.cssSelector(".rl-when .rl-exact")).getText()).matches("\\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)");
        assertThat(staging.findElement(By.cssSelector("a.rl-build")).getAttribute("href"))
                .startsWith("https://ci.example/job/shop/job/main/");
        assertThat(production.findElement(By.cssSelector(".rl-version")).getText()).isEqualTo("1.3.0");

        // What main has that production lacks: releases, commits (the markup one as plain text) and issue keys.
        List<String> subjects = production.findElements(By.cssSelector(".rl-lacking-commit .rl-subject")).stream()
                .map(WebElement::getText).toList();
        assertThat(subjects).contains("feat: search PROJ-7", "fix: basket under load #77", "feat: vouchers ABC-42",
                LedgerFixture.SCRIPT_SUBJECT);
        // the summary counts every commit of the lacking releases (commitCount): here all of them are listed
        int listed = production.findElements(By.cssSelector(".rl-lacking-commit")).size();
        assertThat(production.findElement(By.cssSelector(".rl-lacking-details summary")).getText())
                .matches("main has \\d+ releases?, " + listed + " commits? that production lacks");
        assertThat(production.findElements(By.cssSelector(".rl-issue"))).extracting(WebElement::getText)
                .contains("#77", "ABC-42", "PROJ-7");
        assertThat(driver.executeScript("return typeof window.pwned")).isEqualTo("undefined");
        assertThat(driver.executeScript("return document.querySelectorAll('#release-ledger b, #release-ledger script').length"))
                .isEqualTo(0L);
        assertThat(driver.executeScript("return document.scripts.length")).isEqualTo(1L);

        // Bad releases.
        assertThat(driver.findElement(By.cssSelector(".rl-bad-releases")).getText())
                .contains("1.4.0", "basket answers 500 under load");

        // History: page 1 of all events, newest first, then paging.
        int pages = (LedgerFixture.EVENTS + 19) / 20;
        assertThat(browser.count(".rl-table tbody tr")).isEqualTo(20);
        assertThat(driver.findElement(By.cssSelector(".rl-pager-info")).getText())
                .isEqualTo("page 1 of " + pages + ", " + LedgerFixture.EVENTS + " events");
        assertThat(firstSeq()).isEqualTo(LedgerFixture.EVENTS);
        driver.findElement(By.cssSelector(".rl-pager button[aria-label='Older events']")).click();
        browser.await("page 2", () -> "2".equals(driver.findElement(By.cssSelector(".rl-page-button.rl-current")).getText()));
        assertThat(firstSeq()).isEqualTo(LedgerFixture.EVENTS - 20);
        driver.findElement(By.cssSelector(".rl-pager button[aria-label='Page " + pages + "']")).click();
        browser.await("the last page", () -> String.valueOf(pages).equals(
                driver.findElement(By.cssSelector(".rl-page-button.rl-current")).getText()));
        assertThat(browser.count(".rl-table tbody tr")).isEqualTo(LedgerFixture.EVENTS - 20 * (pages - 1));

        // The environment filter: production's history shows the automatic rollback, marked.
        driver.executeScript("const s = document.getElementById('rl-history-environment');"
                + " s.value = 'production'; s.dispatchEvent(new Event('change'));");
        browser.await("production's history", () -> browser.count(".rl-entry-rollback") == 1);
        assertThat(driver.findElement(By.cssSelector(".rl-entry-rollback")).getText())
                .contains("automatic rollback", "1.4.0 → 1.3.0", "smoke check failed");

        // Verify button.
        driver.findElement(By.xpath("//button[text()='Verify ledger']")).click();
        browser.await("verification", () -> driver.findElement(By.cssSelector(".rl-verify")).getText().startsWith("intact"));

        driver.executeScript("const s = document.getElementById('rl-history-environment');"
                + " s.value = ''; s.dispatchEvent(new Event('change'));");
        browser.await("all history again", () -> browser.count(".rl-table tbody tr") == 20);
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 140, 6000)));
        SCREENSHOTS.saveForDocs("releases.png", driver.getScreenshotAs(OutputType.BYTES));

        // 375 px wide: no horizontal scroll.
        driver.manage().window().setSize(new Dimension(375, 812));
        browser.await("a 375 px viewport", () -> ((Long) driver.executeScript("return window.innerWidth")) <= 375);
        Object widths = driver.executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]");
        assertThat((List<Long>) widths).satisfies(w -> assertThat(w.get(0)).isLessThanOrEqualTo(w.get(1)));
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                .isLessThanOrEqualTo(0L);
        driver.executeScript("window.scrollTo(0, 0)");
        SCREENSHOTS.save("releases-375.png", driver.getScreenshotAs(OutputType.BYTES));

        browser.assertNoConsoleErrors();
    }

    @Test
    void showsTheVerdictOfTheLastChecksInOneLineAndTheResultsOnDemand() {
        driver.get(serve.uri().toString());
        browser.await("the page loaded", () -> browser.count("#release-ledger[data-loaded='true'] .rl-env") == 2);
        WebElement staging = driver.findElement(By.cssSelector("#release-ledger .rl-env[data-environment='staging']"));
        WebElement production = driver.findElement(By.cssSelector(
                "#release-ledger .rl-env[data-environment='production']"));

        WebElement checks = staging.findElement(By.cssSelector(".rl-checks-details"));
        assertThat(checks.getAttribute("open")).as("passed checks stay folded").isNull();
        assertThat(checks.findElement(By.cssSelector("summary")).getText()).matches("passed (\\d+) of \\1 .*");
        assertThat(staging.findElements(By.cssSelector(".rl-check"))).allSatisfy(item ->
                assertThat(item.isDisplayed()).isFalse());
        checks.findElement(By.cssSelector("summary")).click();
        browser.await("the results shown", () -> staging.findElements(By.cssSelector(".rl-check")).stream()
                .allMatch(WebElement::isDisplayed));
        assertThat(production.findElement(By.cssSelector(".rl-image-name")).getText())
                .as("the tag stays after the rollback").isEqualTo("registry.example/shop:1.3.0");
        assertThat(staging.findElement(By.cssSelector(".rl-uptodate, .rl-lacking-details")).isDisplayed()).isTrue();
        SCREENSHOTS.saveForDocs("releases-checks.png", staging.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void saysWhetherMainHasMoreIsNotKnownWithoutTaggedReleases() {
        serve.close();
        Path untagged = root.resolve("..").resolve(root.getFileName() + "-untagged").normalize();
        Ledger ledger = Ledger.open(untagged, "hello");
        try {
            Origin cli = Origin.cli("bob", "laptop");
            Map<String, Object> image = LedgerFixture.map("repository", "localhost:5000/hello", "tag", "1.0.0",
                    "digest", LedgerFixture.digest("1.0.0"));
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, LedgerFixture.BOB, cli).setEnvironment("dev")
                    .setData(LedgerFixture.map("deploymentId", "d1", "version", "1.0.0", "image", image)));
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, LedgerFixture.BOB, cli).setEnvironment("dev")
                    .setData(LedgerFixture.map("deploymentId", "d1", "version", "1.0.0")));
        } finally {
            LedgerText.closeQuietly(ledger);
        }
        serve = browser.serve(untagged);
        driver.get(serve.uri().toString());
        browser.await("the page loaded", () -> browser.count("#release-ledger[data-loaded='true'] .rl-env") == 1);

        WebElement dev = driver.findElement(By.cssSelector("#release-ledger .rl-env[data-environment='dev']"));
        assertThat(dev.findElements(By.cssSelector(".rl-uptodate"))).isEmpty();
        assertThat(dev.findElement(By.cssSelector(".rl-unknown")).getText())
                .isEqualTo("Whether main has more is not known: no tagged release is recorded.");
        assertThat(driver.findElement(By.cssSelector("#release-ledger .rl-summary")).getText())
                .contains("2 events in the ledger");
    }

    @Test
    void showsTheRunTheServerAndWhatEachCheckExpectedAndGot() {
        serve.close();
        Ledger ledger = Ledger.open(root, LedgerFixture.APPLICATION);
        try {
            Map<String, Object> result = LedgerFixture.map("name", "basket", "kind", "http", "passed", false,
                    "detail", "expected status 200, got 500", "millis", 87, "expected", "status 200",
                    "actual", "500 <script>window.pwned=2</script>", "attempt", 3, "target", "10.0.0.11:9002");
            Map<String, Object> data = LedgerFixture.map("version", "1.3.0", "passed", false, "run", "smoke",
                    "environment", "production", "server", "app1/shop-1", "millis", 412);
            data.put("results", List.of(result));
            ledger.append(new EventDraft(EventTypes.CHECK_RECORDED, LedgerFixture.BOB,
                    Origin.build("shop/main", 300, "https://ci.example/job/shop/job/main/300/", false))
                    .setEnvironment("production").setData(data));
        } finally {
            LedgerText.closeQuietly(ledger);
        }
        serve = browser.serve(root);
        driver.get(serve.uri().toString());
        browser.await("the page loaded", () -> browser.count("#release-ledger[data-loaded='true'] .rl-env") == 2);

        WebElement production = driver.findElement(By.cssSelector("#release-ledger .rl-env[data-environment='production']"));
        WebElement check = production.findElement(By.cssSelector(".rl-check"));
        assertThat(check.getAttribute("class")).contains("rl-check-fail");
        assertThat(check.findElement(By.cssSelector(".rl-check-run")).getText()).isEqualTo("smoke");
        assertThat(check.findElement(By.cssSelector(".rl-check-server")).getText()).isEqualTo("on app1/shop-1");
        assertThat(check.findElement(By.cssSelector(".rl-check-target")).getText()).isEqualTo("at 10.0.0.11:9002");
        assertThat(check.findElement(By.cssSelector(".rl-check-expected")).getText()).isEqualTo("status 200");
        assertThat(check.findElement(By.cssSelector(".rl-check-actual")).getText())
                .isEqualTo("500 <script>window.pwned=2</script>");
        assertThat(check.findElement(By.cssSelector(".rl-check-attempt")).getText()).isEqualTo("3");
        assertThat(driver.executeScript("return typeof window.pwned")).isEqualTo("undefined");
        WebElement staging = driver.findElement(By.cssSelector("#release-ledger .rl-env[data-environment='staging']"));
        assertThat(staging.findElements(By.cssSelector(".rl-check-run, .rl-check-server, .rl-check-facts")))
                .as("results recorded without run, server or facts show none").isEmpty();
        browser.assertNoConsoleErrors();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveTheHistoryColumnsRoomBesideJenkinsSidePanel() {
        // A reason as long as a real one (a container runtime's error): the table must not take its room from When.
        appendAndRestart(new EventDraft(EventTypes.RELEASE_MARKED_BAD, LedgerFixture.BOB,
                Origin.build("shop/main", 301, "https://ci.example/job/shop/job/main/301/", false))
                .setData(LedgerFixture.map("version", "1.4.1", "reason", "docker: Error response from daemon: failed to "
                        + "create task for container: OCI runtime create failed: runc create failed: unable to start "
                        + "container process: error during container init: error mounting \"/srv/shop/config\" to rootfs "
                        + "at \"/etc/shop\": not a directory: unknown")));
        try (JenkinsLayoutFixture jenkins = JenkinsLayoutFixture.start(serve)) {
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(jenkins.page(false).toString());
            browser.await("the page in Jenkins' layout", () -> browser.count("#release-ledger[data-loaded='true'] .rl-table tbody tr") > 0);
            assertThat((Long) driver.executeScript("return window.innerWidth")).isBetween(1200L, 1280L);
            assertThat((Long) driver.executeScript(
                    "return Math.round(document.getElementById('side-panel').getBoundingClientRect().width)"))
                    .as("the side panel beside the page").isEqualTo(340L);

            Map<String, Map<String, Object>> columns = (Map<String, Map<String, Object>>) driver.executeScript(COLUMNS);
            for (String name : List.of("When", "Environment", "Event", "Version", "By", "Build", "Details")) {
                assertThat(((Number) columns.get(name).get("width")).doubleValue()).as("width of %s in px: %s", name, columns)
                        .isGreaterThanOrEqualTo(MIN_COLUMN_PX);
            }
            for (String name : List.of("When", "Environment", "Version", "By")) {
                assertThat(((Number) columns.get(name).get("lines")).longValue()).as("most lines of a %s cell: %s", name, columns)
                        .isEqualTo(1L);
            }
            assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("no horizontal scroll at 1280 px with the side panel").isLessThanOrEqualTo(0L);
            assertThat((Long) driver.executeScript("const body = document.querySelector('#release-ledger .rl-history-body');"
                    + " return body.scrollWidth - body.clientWidth")).as("the table fits without scrolling").isLessThanOrEqualTo(0L);
            driver.executeScript("document.querySelector('#release-ledger .rl-history').scrollIntoView()");
            screenshot("releases-in-jenkins-1280.png");

            // Jenkins puts the side panel above the page below 900 px; at 375 px nothing scrolls sideways.
            driver.manage().window().setSize(new Dimension(375, 812));
            browser.await("a 375 px viewport", () -> ((Long) driver.executeScript("return window.innerWidth")) <= 375);
            assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("no horizontal scroll at 375 px in Jenkins' layout").isLessThanOrEqualTo(0L);
            driver.executeScript("document.querySelector('#release-ledger .rl-history').scrollIntoView()");
            screenshot("releases-in-jenkins-375.png");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void shouldFollowTheJenkinsThemesVariables() {
        try (JenkinsLayoutFixture jenkins = JenkinsLayoutFixture.start(serve)) {
            driver.get(jenkins.page(true).toString());
            browser.await("the page with a dark Jenkins theme", () -> browser.count("#release-ledger[data-loaded='true'] .rl-table tbody tr") > 0);

            // The values of jenkins-layout/jenkins-dark-theme.css.
            assertThat(browser.css("#release-ledger", "color")).as("--text-color").isEqualTo("rgb(226, 230, 235)");
            assertThat(browser.css("#release-ledger .rl-summary", "color")).as("--text-color-secondary").isEqualTo("rgb(160, 168, 180)");
            assertThat(browser.css("#release-ledger .rl-env", "background-color")).as("--card-background").isEqualTo("rgb(38, 42, 49)");
            assertThat(browser.css("#release-ledger .rl-env", "border-top-color")).as("--jenkins-border-color").isEqualTo("rgb(58, 64, 74)");
            assertThat(browser.css("#release-ledger a.rl-build", "color")).as("--link-color").isEqualTo("rgb(122, 167, 255)");
            assertThat(browser.css("#release-ledger .rl-table th", "background-color")).as("--table-background").isEqualTo("rgb(43, 48, 56)");
            assertThat(browser.css("#release-ledger .rl-table", "background-color")).as("--table-body-background")
                    .isEqualTo("rgb(30, 33, 39)");
            assertThat(browser.css("#release-ledger .rl-badge-ok", "color")).as("--success-color").isEqualTo("rgb(91, 211, 138)");
            assertThat(browser.css("#release-ledger .rl-bad-releases h3", "color")).as("--error-color").isEqualTo("rgb(255, 123, 114)");
            screenshot("releases-in-jenkins-dark.png");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void shouldMatchTheStandalonePageToTheColourScheme() {
        driver.get(serve.uri().toString());
        browser.await("the page loaded", () -> browser.count("#release-ledger[data-loaded='true'] .rl-env") == 2);
        assertThat(BrowserFixture.luminance(browser.css("body", "background-color"))).as("light page").isGreaterThan(0.9);
        assertThat(BrowserFixture.luminance(browser.css("#release-ledger", "color"))).as("dark text").isLessThan(0.2);

        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        driver.navigate().refresh();
        browser.await("the page loaded in the dark", () -> browser.count("#release-ledger[data-loaded='true'] .rl-env") == 2);

        assertThat(BrowserFixture.luminance(browser.css("body", "background-color"))).as("dark page").isLessThan(0.1);
        assertThat(BrowserFixture.luminance(browser.css("#release-ledger", "color"))).as("light text").isGreaterThan(0.7);
        assertThat(BrowserFixture.luminance(browser.css("#release-ledger .rl-env", "background-color"))).as("dark cards").isLessThan(0.1);
        assertThat(BrowserFixture.luminance(browser.css("#release-ledger .rl-table th", "background-color"))).as("dark table head").isLessThan(0.1);
        assertThat(BrowserFixture.luminance(browser.css("#release-ledger a.rl-build", "color"))).as("readable links").isGreaterThan(0.3);
        screenshot("releases-dark.png");
        browser.assertNoConsoleErrors();
    }

    private void appendAndRestart(final EventDraft draft) {
        serve.close();
        Ledger ledger = Ledger.open(root, LedgerFixture.APPLICATION);
        try {
            ledger.append(draft);
        } finally {
            LedgerText.closeQuietly(ledger);
        }
        serve = browser.serve(root);
    }

    private void screenshot(final String name) {
        SCREENSHOTS.save(name, driver.getScreenshotAs(OutputType.BYTES));
    }

    private long firstSeq() {
        return Long.parseLong(driver.findElement(By.cssSelector(".rl-table tbody tr")).getAttribute("data-seq"));
    }
}
