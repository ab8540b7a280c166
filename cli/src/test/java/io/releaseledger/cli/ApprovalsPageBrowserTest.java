package io.releaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import io.releaseledger.testing.Component;
import io.releaseledger.testing.RequiresRealComponent;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Approvals and freeze windows on the Releases page in real headless Chromium, served read-only by
 * {@code release-ledger serve} from a ledger with a policy file: what waits, the active and next window, the override
 * marked; and a visitor of the standalone page (who may not approve) gets no approval form, and a POST is refused.
 */
@RequiresRealComponent(Component.CHROMIUM)
class ApprovalsPageBrowserTest {
    private static final String DIGEST = "sha256:" + "d".repeat(64);

    @TempDir
    Path root;

    @RegisterExtension
    final BrowserFixture browser = new BrowserFixture();

    private ServeFixture serve;
    private ChromeDriver driver;

    @BeforeEach
    void start() throws IOException {
        LedgerFixture.write(root);
        try (Ledger ledger = Ledger.open(root, LedgerFixture.APPLICATION)) {
            Files.writeString(ledger.getDirectory().resolve("policy.json"), """
                    {"environments": {
                      "staging": {"freezeWindows": [
                        {"name": "migration", "from": "2020-01-01T00:00:00Z", "to": "2099-01-01T00:00:00Z"}]},
                      "production": {
                        "approvals": {"required": 2, "approvers": ["release-managers"]},
                        "freezeWindows": [{"name": "far future", "from": "2098-01-01T00:00:00Z", "to": "2098-01-02T00:00:00Z"}]}}}
                    """, StandardCharsets.UTF_8);
            Origin origin = Origin.cli("ops", "laptop");
            ledger.append(new EventDraft(EventTypes.APPROVAL_REQUESTED, LedgerFixture.ALICE, origin)
                    .setEnvironment("production").setData(Map.of("version", "1.5.0", "digest", DIGEST,
                            "required", 2L, "approvers", List.of("release-managers"), "purpose", "promote")));
            ledger.append(new EventDraft(EventTypes.APPROVAL_GRANTED, LedgerFixture.BOB, origin)
                    .setEnvironment("production").setData(Map.of("version", "1.5.0", "digest", DIGEST,
                            "comment", "<b>fine</b>")));
            ledger.append(new EventDraft(EventTypes.FREEZE_OVERRIDDEN, new Actor("carol", "Carol Ops"), origin)
                    .setEnvironment("staging").setData(Map.of("version", "1.4.1", "window", "migration",
                            "until", "2099-01-01T00:00:00Z", "reason", "payment outage")));
        }
        serve = browser.serve(root);
        driver = browser.driver();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowWhatWaitsForApprovalTheFreezeWindowsAndTheOverride() {
        Map<String, Object> state = Json.parseObject(serve.get("api/state").body());
        Map<String, Object> governance = (Map<String, Object>) state.get("governance");
        assertThat(governance).containsOnlyKeys("staging", "production");

        driver.get(serve.uri().toString());
        browser.await("the cards", () -> driver.findElements(By.cssSelector("#release-ledger[data-loaded='true'] .rl-env"))
                .size() == 2);
        WebElement staging = card("staging");
        WebElement production = card("production");

        assertThat(staging.findElement(By.cssSelector(".rl-freeze-active")).getText())
                .contains("frozen", "migration until", "2099-01-01", "rollbacks allowed");
        assertThat(staging.findElement(By.cssSelector(".rl-override")).getText())
                .contains("freeze overridden", "migration for 1.4.1 by", "Carol Ops", "payment outage");
        assertThat(production.findElement(By.cssSelector(".rl-approval")).getText())
                .contains("waiting for approval", "1.5.0", "asked by Alice Example",
                        "1 of 2 (Bob Builder) approvals; waiting for 1 more from release-managers");
        assertThat(production.findElement(By.cssSelector(".rl-freeze-next")).getText())
                .contains("next freeze", "far future", "2098-01-01");
        assertThat(production.findElements(By.cssSelector(".rl-freeze-active"))).isEmpty();
        assertThat(driver.executeScript("return document.querySelectorAll('#release-ledger b').length")).isEqualTo(0L);
    }

    @Test
    void shouldOfferNoApprovalToAVisitorOfTheReadOnlyPageAndRefuseAPost() throws IOException {
        driver.get(serve.uri().toString());
        browser.await("the cards", () -> driver.findElements(By.cssSelector("#release-ledger[data-loaded='true'] .rl-env"))
                .size() == 2);
        long events = events();

        assertThat(driver.findElements(By.cssSelector("form"))).isEmpty();
        assertThat(driver.findElements(By.xpath("//button[normalize-space()='Approve' or normalize-space()='Reject']")))
                .isEmpty();
        HttpResponse<String> post = serve.send(HttpRequest.newBuilder(serve.uri().resolve("approve"))
                .POST(HttpRequest.BodyPublishers.ofString("environment=production&version=1.5.0&digest=" + DIGEST))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(BrowserFixture.TIMEOUT).build());
        HttpResponse<String> postState = serve.send(HttpRequest.newBuilder(serve.uri().resolve("api/state"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(BrowserFixture.TIMEOUT).build());

        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(postState.statusCode()).isEqualTo(405);
        assertThat(events()).isEqualTo(events);
    }

    private long events() {
        return ((Number) Json.parseObject(serve.get("api/state").body()).get("events")).longValue();
    }

    private WebElement card(final String environment) {
        return driver.findElement(By.cssSelector("#release-ledger .rl-env[data-environment='" + environment + "']"));
    }
}
