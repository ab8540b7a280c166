package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The delivery charts of the Releases page in real headless Chromium (the harness of {@link ReleasesPageBrowserTest}),
 * served by {@code serve} with its Content-Security-Policy, on a ledger whose figures are known
 * ({@link MetricsLedgerFixture}). Its screenshots are the docs' metrics-*.png ({@link Screenshots}).
 */
@RequiresRealComponent(Component.CHROMIUM)
class MetricsChartsBrowserTest {
    private static final String LOADED = "#release-ledger[data-loaded='true'] .rl-metrics[data-loaded='true'] .rl-metric";

    @TempDir
    Path root;

    @RegisterExtension
    final BrowserFixture browser = new BrowserFixture();

    private ServeFixture serve;
    private ChromeDriver driver;

    @BeforeEach
    void start() {
        // The page asks for the weeks up to now: the fixture's weeks end a minute ago.
        MetricsLedgerFixture.write(root, Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60));
        serve = browser.serve(root);
        driver = browser.driver();
    }

    @Test
    void shouldDrawTheKnownFiguresAsFourWeeklyCharts() {
        driver.get(serve.uri().toString());
        browser.await("the metrics loaded", () -> browser.count(LOADED) == 4);

        assertThat(driver.findElement(By.id("rl-metrics-environment")).getAttribute("value")).isEqualTo("production");
        assertThat(text("deployments", ".rl-metric-value")).isEqualTo("2 a week");
        assertThat(text("deployments", ".rl-metric-detail")).isEqualTo("24 deployments in 12 weeks");
        assertThat(text("lead-time", ".rl-metric-value")).isEqualTo("3 h");
        assertThat(text("lead-time", ".rl-metric-detail")).contains("48 changes");
        assertThat(text("failures", ".rl-metric-value")).isEqualTo("12.5 %");
        assertThat(text("failures", ".rl-metric-detail")).isEqualTo("3 of 24 deployments");
        assertThat(text("restore", ".rl-metric-value")).isEqualTo("30 m");

        // One bar a week, as high as the week's deployments: 1, 2, 3 again and again.
        List<WebElement> bars = driver.findElements(By.cssSelector(".rl-chart-deployments .rl-chart-bar"));
        assertThat(bars).extracting(bar -> bar.getAttribute("data-value"))
                .containsExactly("1", "2", "3", "1", "2", "3", "1", "2", "3", "1", "2", "3");
        double one = height(bars.get(0));
        assertThat(height(bars.get(1))).isCloseTo(2 * one, org.assertj.core.data.Offset.offset(1.0));
        assertThat(height(bars.get(2))).isCloseTo(3 * one, org.assertj.core.data.Offset.offset(1.0));
        // Failures in weeks 1, 5 and 9 only; lead time every week; restores only where something failed.
        assertThat(driver.findElements(By.cssSelector(".rl-chart-failures .rl-chart-bar")).stream()
                .map(bar -> bar.getAttribute("data-value")).filter(value -> !value.equals("0")).count()).isEqualTo(3);
        assertThat(driver.findElements(By.cssSelector(".rl-chart-lead-time .rl-chart-dot"))).hasSize(12);
        assertThat(driver.findElements(By.cssSelector(".rl-chart-restore .rl-chart-dot"))).extracting(
                dot -> dot.getAttribute("data-value")).containsExactly("1800", "1800", "1800");
        assertThat(driver.findElements(By.cssSelector(".rl-chart-lead-time .rl-chart-line"))).hasSize(1);
        assertThat(driver.findElement(By.cssSelector(".rl-chart-deployments title")).getAttribute("textContent"))
                .isEqualTo("Deployments per week, one mark a week");

        // Another window and environment, from the page's own controls.
        select("rl-metrics-weeks", "4");
        browser.await("4 weeks", () -> browser.count(".rl-chart-deployments .rl-chart-bar") == 4);
        select("rl-metrics-environment", "staging");
        browser.await("staging", () -> "2 h".equals(text("lead-time", ".rl-metric-value")));
        select("rl-metrics-weeks", "12");
        select("rl-metrics-environment", "production");
        browser.await("production again", () -> browser.count(".rl-chart-deployments .rl-chart-bar") == 12
                && "3 h".equals(text("lead-time", ".rl-metric-value")));

        // Marks keep their theme colours, apart from the card.
        assertThat(css(".rl-chart-deployments .rl-chart-bar", "fill")).isNotEqualTo(css(".rl-metric", "background-color"));
        screenshotOfTheMetrics("metrics-light.png", 1280);
        browser.assertNoConsoleErrors();
    }

    @Test
    void shouldFitTheChartsInto375Pixels() {
        driver.manage().window().setSize(new Dimension(375, 812));
        driver.get(serve.uri().toString());
        browser.await("the metrics loaded", () -> browser.count(LOADED) == 4);
        browser.await("a 375 px viewport", () -> ((Long) driver.executeScript("return window.innerWidth")) <= 375);

        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                .as("no horizontal scroll at 375 px").isLessThanOrEqualTo(0L);
        for (WebElement chart : driver.findElements(By.cssSelector(".rl-chart"))) {
            Map<?, ?> box = (Map<?, ?>) driver.executeScript("const r = arguments[0].getBoundingClientRect();"
                    + " return {left: r.left, right: r.right, width: r.width};", chart);
            assertThat(((Number) box.get("left")).doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(((Number) box.get("right")).doubleValue()).isLessThanOrEqualTo(375);
            assertThat(((Number) box.get("width")).doubleValue()).as("a chart wide enough to read").isGreaterThan(250);
        }
        // The axis labels stay readable once the chart is scaled to the card.
        assertThat(((Number) driver.executeScript("return document.querySelector('.rl-chart-label')"
                + ".getBoundingClientRect().height")).doubleValue()).isGreaterThan(9);
        screenshotOfTheMetrics("metrics-375.png", 375);
        browser.assertNoConsoleErrors();
    }

    @Test
    void shouldStayReadableInTheDark() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        driver.get(serve.uri().toString());
        browser.await("the metrics loaded in the dark", () -> browser.count(LOADED) == 4);

        double card = BrowserFixture.luminance(css(".rl-metric", "background-color"));
        assertThat(card).as("dark cards").isLessThan(0.1);
        assertThat(BrowserFixture.luminance(css(".rl-metric-value", "color"))).as("light figures").isGreaterThan(0.7);
        assertThat(BrowserFixture.luminance(css(".rl-chart-deployments .rl-chart-bar", "fill"))).as("bars stand out of the card")
                .isGreaterThan(card + 0.25);
        assertThat(BrowserFixture.luminance(css(".rl-chart-label", "fill"))).as("readable labels").isGreaterThan(0.3);
        screenshotOfTheMetrics("metrics-dark.png", 1280);
        browser.assertNoConsoleErrors();
    }

    private String text(final String metric, final String selector) {
        return driver.findElement(By.cssSelector(".rl-metric[data-metric='" + metric + "'] " + selector)).getText();
    }

    private double height(final WebElement bar) {
        return ((Number) driver.executeScript("return arguments[0].getBoundingClientRect().height", bar)).doubleValue();
    }

    private void select(final String id, final String value) {
        driver.executeScript("const s = document.getElementById(arguments[0]); s.value = arguments[1];"
                + " s.dispatchEvent(new Event('change'));", id, value);
    }

    private String css(final String selector, final String property) {
        return browser.css("#release-ledger " + selector, property);
    }

    /** The Delivery section, scrolled to the top, for the docs ({@link Screenshots}). */
    private void screenshotOfTheMetrics(final String name, final int width) {
        driver.manage().window().setSize(new Dimension(width, width < 600 ? 1500 : 900));
        driver.executeScript("document.querySelector('#release-ledger .rl-metrics').scrollIntoView()");
        Screenshots.ofThisRun().saveForDocs(name, driver.getScreenshotAs(OutputType.BYTES));
    }
}
