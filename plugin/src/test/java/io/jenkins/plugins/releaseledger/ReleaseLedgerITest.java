package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.Functions;
import hudson.model.Item;
import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Origin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.htmlunit.Page;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The ledger on the controller, the Releases page of the jobs that record and its JSON API, in a real Jenkins. */
@WithJenkins
class ReleaseLedgerITest {
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @TempDir
    Path temp;

    @Test
    void shouldRecordTheTagInTheApplicationsLedger(final JenkinsRule r) throws Exception {
        assumeFalse(Functions.isWindows(), "the pipeline uses sh");
        GitFixture git = GitFixture.releasedOnceThenOneFeature(temp);
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  dir('repo') {
                    deleteDir()
                    sh 'git clone -q -b main %s .'
                    semverTag application: 'shop'
                  }
                }
                """.formatted(git.originUrl()), true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        r.assertLogContains("semverTag: recorded version 1.3.0 in the ledger of 'shop'", build);
        Path journal = r.jenkins.getRootDir().toPath().resolve("release-ledger").resolve("shop").resolve("events.jsonl");
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        assertThat(lines).singleElement().satisfies(line -> {
            Map<String, Object> event = Json.parseObject(line);
            assertThat(event).containsEntry("type", "version.tagged").containsEntry("application", "shop");
            assertThat(map(event.get("data"))).containsEntry("version", "1.3.0").containsEntry("tag", "v1.3.0")
                    .containsEntry("previousVersion", "1.2.0").containsKey("commits");
            assertThat(map(event.get("origin"))).containsEntry("kind", "jenkins").containsEntry("job", "app")
                    .containsEntry("changeRequest", false);
            assertThat(map(event.get("actor"))).containsEntry("id", "jenkins"); // started by the test, not a user
        });

        ReleaseLedgerRunAction action = build.getAction(ReleaseLedgerRunAction.class);
        assertThat(action.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo("version.tagged");
            assertThat(event.getApplication()).isEqualTo("shop");
            assertThat(event.getVersion()).isEqualTo("1.3.0");
        });
        JSONObject api = r.getJSON(build.getUrl() + "api/json?tree=actions[events[type,application,version]]").getJSONObject();
        assertThat(api.toString()).contains("\"application\":\"shop\"").contains("\"version\":\"1.3.0\"");
        assertThat(ReleaseLedgers.get().applicationsOf("app")).containsExactly("shop");

        // a re-run finds the tag on HEAD and does not record the version twice
        WorkflowRun again = r.buildAndAssertSuccess(job);
        r.assertLogContains("semverTag: version 1.3.0 is already in the ledger of 'shop'", again);
        assertThat(Files.readAllLines(journal, StandardCharsets.UTF_8)).hasSize(1);
        assertThat(again.getAction(ReleaseLedgerRunAction.class)).isNull();
    }

    @Test
    void shouldRecordNothingOnADryRun(final JenkinsRule r) throws Exception {
        assumeFalse(Functions.isWindows(), "the pipeline uses sh");
        GitFixture git = GitFixture.releasedOnceThenOneFeature(temp);
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        job.setDefinition(new CpsFlowDefinition(
                "node { dir('repo') { sh 'git clone -q -b main %s .'; semverTag dryRun: true } }".formatted(git.originUrl()), true));

        WorkflowRun build = r.buildAndAssertSuccess(job);

        assertThat(build.getAction(ReleaseLedgerRunAction.class)).isNull();
        assertThat(r.jenkins.getRootDir().toPath().resolve("release-ledger").resolve("app")).doesNotExist();
        assertThat(ReleaseLedgers.get().applicationsOf("app")).isEmpty();
    }

    @Test
    void shouldShowNoReleasesLinkOnAJobThatRecordedNothing(final JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "fresh");

        assertThat(job.getAction(ReleasesAction.class)).isNull();
        JenkinsRule.WebClient client = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        assertThat(client.goTo(job.getUrl() + "releases/", null).getWebResponse().getStatusCode()).isEqualTo(404);
        assertThat(client.goTo(job.getUrl() + "releases/api/state", null).getWebResponse().getStatusCode()).isEqualTo(404);

        ReleaseLedgers.get().append(job, "shop", tagged("fresh", false));
        ReleasesAction action = job.getAction(ReleasesAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getUrlName()).isEqualTo("releases");
        assertThat(action.getIconFileName()).isEqualTo("symbol-cube");
    }

    @Test
    void shouldServeThePageAndTheContractsJson(final JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        ReleaseLedgers.get().append(job, "shop", tagged("app", false));
        ReleaseLedgers.get().append(job, "shop/api", tagged("app", false));

        assertThat(job.getAction(ReleasesAction.class).getApplications())
                .extracting(ApplicationReleases::getApplication).containsExactly("shop", "shop/api");

        JSONObject state = r.getJSON(job.getUrl() + "releases/api/state").getJSONObject();
        assertThat(state.getString("application")).isEqualTo("shop");
        assertThat(state.getInt("events")).isEqualTo(1);
        assertThat(state.keySet()).contains("lastHash", "generatedAt", "environments", "pendingPromotion", "badReleases");

        Page second = r.createWebClient().goTo(job.getUrl() + "releases/shop~2Fapi/api/state", "application/json");
        assertThat(second.getWebResponse().getContentType()).isEqualTo("application/json");
        assertThat(JSONObject.fromObject(second.getWebResponse().getContentAsString()).getString("application")).isEqualTo("shop/api");

        JSONObject history = r.getJSON(job.getUrl() + "releases/api/history?page=0&size=5").getJSONObject();
        assertThat(history.getInt("total")).isEqualTo(1);
        assertThat(history.getJSONArray("entries").getJSONObject(0).getString("type")).isEqualTo("version.tagged");
        JSONObject verify = r.getJSON(job.getUrl() + "releases/api/verify").getJSONObject();
        assertThat(verify.getBoolean("intact")).isTrue();
        JSONObject metrics = r.getJSON(job.getUrl() + "releases/api/metrics?weeks=4&until=2026-11-30").getJSONObject();
        assertThat(metrics.getInt("weeks")).isEqualTo(4);
        assertThat(metrics.getString("until")).isEqualTo("2026-11-30T00:00:00Z");

        JenkinsRule.WebClient client = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        assertThat(client.goTo(job.getUrl() + "releases/api/history?size=x", null).getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(client.goTo(job.getUrl() + "releases/api/metrics?weeks=x", null).getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(client.goTo(job.getUrl() + "releases/unknown/api/state", null).getWebResponse().getStatusCode()).isEqualTo(404);

        // releases.js runs in real Chromium (cli's ReleasesPageBrowserTest); HtmlUnit only reads the markup here.
        HtmlPage page = r.createWebClient().withJavaScriptEnabled(false).getPage(job, "releases/");
        DomElement container = page.getElementById("release-ledger");
        assertThat(container).isNotNull();
        assertThat(container.getAttribute("data-api")).endsWith("/job/app/releases/shop/api/");
        DomElement main = page.getElementById("main-panel");
        assertThat(main.getElementsByTagName("script")).isNotEmpty().allSatisfy(script -> {
            assertThat(script.getAttribute("src")).as("inline script on the Releases page").isNotEmpty();
        });
        assertThat(page.getWebResponse().getContentAsString()).contains("io/releaseledger/page/releases.js")
                .contains("io/releaseledger/page/releases.css")
                .contains("/job/app/releases/shop~2Fapi/\"");

        HtmlPage other = r.createWebClient().withJavaScriptEnabled(false).getPage(job, "releases/shop~2Fapi/");
        assertThat(other.getElementById("release-ledger").getAttribute("data-api")).endsWith("/job/app/releases/shop~2Fapi/api/");
    }

    @Test
    void shouldHideTheApiFromUsersWhoCannotReadTheJob(final JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "app");
        ReleaseLedgers.get().append(job, "shop", tagged("app", false));
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("alice", "bob")
                .grant(Item.READ).onItems(job).to("alice"));

        JenkinsRule.WebClient bob = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("bob");
        for (String path : List.of("releases/", "releases/api/state", "releases/api/history", "releases/api/verify",
                "releases/api/metrics", "releases/shop/api/state")) {
            assertThat(bob.goTo(job.getUrl() + path, null).getWebResponse().getStatusCode()).as(path).isIn(403, 404);
        }
        JenkinsRule.WebClient alice = r.createWebClient().login("alice");
        assertThat(alice.goTo(job.getUrl() + "releases/api/state", "application/json").getWebResponse().getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseRestrictedEventsOfChangeRequestsUnlessTheAdministratorAllowsThem(final JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "PR-7");
        EventDraft deployment = new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, new Actor("alice", "Alice"),
                Origin.build("PR-7", 1, r.getURL() + "job/PR-7/1/", true))
                .setEnvironment("staging").setData(Map.of("deploymentId", "d-1", "version", "1.3.0"));

        assertThat(ReleaseLedgerConfiguration.get().isAllowChangeRequests()).isFalse();
        assertThatThrownBy(() -> ReleaseLedgers.get().append(job, "shop", deployment))
                .isInstanceOf(ReleaseLedgerException.class).hasMessageContaining("change request");
        ReleaseLedgers.get().append(job, "shop", tagged("PR-7", true)); // tagging stays allowed

        ReleaseLedgerConfiguration.get().setAllowChangeRequests(true);
        ReleaseLedgers.get().append(job, "shop", deployment);

        assertThat(((Number) ReleaseLedgers.get().view(job, "shop").state().get("events")).longValue()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheSwitchThroughTheConfigurationForm(final JenkinsRule r) throws Exception {
        ReleaseLedgerConfiguration.get().setAllowChangeRequests(true);

        r.configRoundtrip();

        assertThat(ReleaseLedgerConfiguration.get().isAllowChangeRequests()).isTrue();
    }

    private static EventDraft tagged(final String job, final boolean changeRequest) {
        return new EventDraft(EventTypes.VERSION_TAGGED, new Actor("alice", "Alice"),
                Origin.build(job, 1, "http://localhost/job/" + job + "/1/", changeRequest))
                .setData(Map.of("version", "1.3.0", "tag", "v1.3.0", "commit", "abc", "commits", List.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object json) {
        return (Map<String, Object>) json;
    }
}
