package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The configuration changes and the rollback form of the Releases page in real headless Chromium: the page served by
 * {@code release-ledger serve}, and as Jenkins lays it out ({@link JenkinsLayoutFixture}) for a user with and one
 * without Release Ledger/Rollback.
 */
@RequiresRealComponent(Component.CHROMIUM)
class GovernancePageBrowserTest {
    private static final String KEY = "hmac-sha256:0123456789abcdef:";

    @TempDir
    Path root;

    @RegisterExtension
    final BrowserFixture browser = new BrowserFixture();

    private ServeFixture serve;
    private ChromeDriver driver;

    @BeforeEach
    void start() {
        try (Ledger ledger = Ledger.open(root, "shop")) {
            deploy(ledger, "1.0.0", Map.of("network", "bridge", "ports", List.of("8080:80/tcp"), "instances", 2L),
                    Map.of("LOG_LEVEL", KEY + "aa", "DB_PASSWORD", KEY + "bb", "OLD_FLAG", KEY + "cc"));
            deploy(ledger, "1.1.0", Map.of("network", "bridge", "ports", List.of("8081:80/tcp"), "instances", 2L),
                    Map.of("LOG_LEVEL", KEY + "aa", "DB_PASSWORD", KEY + "dd", "NEW_FLAG", KEY + "ee"));
        }
        serve = browser.serve(root);
        driver = browser.driver();
    }

    private static void deploy(final Ledger ledger, final String version, final Map<String, Object> settings,
            final Map<String, Object> configuration) {
        Actor alice = new Actor("alice", "Alice Example");
        Origin origin = Origin.build("shop/main", 7, "https://ci.example/job/shop/job/main/7/", false);
        String id = "production-" + version;
        Map<String, Object> started = new java.util.LinkedHashMap<>();
        started.put("deploymentId", id);
        started.put("version", version);
        started.put("image", Map.of("repository", "registry.example/shop", "tag", version,
                "digest", LedgerFixture.digest(version)));
        started.put("strategy", "rolling");
        started.put("configuration", configuration);
        started.put("settings", settings);
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, alice, origin).setEnvironment("production")
                .setData(started));
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, alice, origin).setEnvironment("production")
                .setData(Map.of("deploymentId", id, "version", version)));
    }

    @Test
    void shouldShowWhatTheConfigurationChangedSinceThePreviousDeploymentBesideTheCommit() {
        driver.get(serve.uri().toString());
        browser.await("the page loaded", () -> browser.count("#release-ledger[data-loaded='true'] .rl-env") == 1);

        WebElement production = driver.findElement(By.cssSelector(".rl-env[data-environment='production']"));
        assertThat(production.findElement(By.cssSelector(".rl-config-summary")).getText()).isEqualTo("5 changes since 1.0.0");
        List<String> changes = production.findElements(By.cssSelector(".rl-config-change")).stream()
                .map(WebElement::getText).toList();
        assertThat(changes).containsExactlyInAnyOrder(
                "image digest changed: " + shortDigest("1.0.0") + " → " + shortDigest("1.1.0"),
                "setting ports changed: 8080:80/tcp → 8081:80/tcp",
                "variable DB_PASSWORD changed",
                "variable OLD_FLAG removed",
                "variable NEW_FLAG added");
        // The row sits right after the commit's, and no hash reaches the page.
        List<String> terms = production.findElements(By.cssSelector(".rl-details dt")).stream().map(WebElement::getText).toList();
        assertThat(terms.indexOf("Configuration")).isEqualTo(terms.indexOf("Commit") + 1);
        assertThat(driver.getPageSource()).doesNotContain(KEY);
        assertThat(browser.count(".rl-rollback-form")).as("the CLI's page offers no rollback form").isZero();
        browser.assertNoConsoleErrors();
    }

    @Test
    void shouldOfferNoRollbackFormToAUserWithoutThePermission() {
        try (JenkinsLayoutFixture jenkins = JenkinsLayoutFixture.start(serve)) {
            driver.get(jenkins.page(false).toString());
            browser.await("the page loaded", () -> browser.count("#release-ledger[data-loaded='true'] .rl-env") == 1);

            assertThat(browser.count(".rl-rollback-form")).isZero();
            assertThat(driver.getPageSource()).doesNotContain(JenkinsLayoutFixture.CRUMB);
        }
    }

    @Test
    void shouldPostTheRollbackWithReasonVersionAndCrumbAndKeepWhatWasTypedAcrossARefresh() {
        try (JenkinsLayoutFixture jenkins = JenkinsLayoutFixture.start(serve)) {
            driver.get(jenkins.pageWithRollback().toString());
            browser.await("the page loaded", () -> browser.count("#release-ledger[data-loaded='true'] .rl-rollback-form") == 1);
            WebElement form = driver.findElement(By.cssSelector(".rl-env[data-environment='production'] .rl-rollback-form"));
            assertThat(form.getAttribute("method")).isEqualTo("post");
            assertThat(form.getAttribute("action")).endsWith(JenkinsLayoutFixture.ROLLBACK);

            // An empty reason is refused by the browser: nothing is posted.
            form.findElement(By.cssSelector(".rl-rollback-button")).click();
            assertThat(jenkins.rollbackPosts()).isEmpty();

            form.findElement(By.cssSelector(".rl-rollback-reason")).sendKeys("checkout <b>broken</b> & slow");
            form.findElement(By.cssSelector(".rl-rollback-version")).sendKeys("1.0.0");
            driver.findElement(By.xpath("//button[text()='Refresh']")).click(); // re-renders the cards
            browser.await("the refresh", () -> browser.count("#release-ledger.rl-loading") == 0);
            WebElement kept = driver.findElement(By.cssSelector(".rl-env[data-environment='production'] .rl-rollback-form"));
            assertThat(kept.findElement(By.cssSelector(".rl-rollback-reason")).getAttribute("value"))
                    .isEqualTo("checkout <b>broken</b> & slow");

            kept.findElement(By.cssSelector(".rl-rollback-button")).click();
            browser.await("the POST", () -> jenkins.rollbackPosts().size() == 1);

            Map<String, String> fields = java.util.Arrays.stream(jenkins.rollbackPosts().get(0).split("&"))
                    .map(pair -> pair.split("=", 2))
                    .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> pair.length > 1 ? decode(pair[1]) : ""));
            assertThat(fields).containsEntry("environment", "production").containsEntry("version", "1.0.0")
                    .containsEntry("reason", "checkout <b>broken</b> & slow")
                    .containsEntry(JenkinsLayoutFixture.CRUMB_FIELD, JenkinsLayoutFixture.CRUMB);
            browser.assertNoConsoleErrors();
        }
    }

    private static String decode(final String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String shortDigest(final String version) {
        String digest = LedgerFixture.digest(version);
        return digest.substring(0, "sha256:".length() + 12) + "…";
    }
}
