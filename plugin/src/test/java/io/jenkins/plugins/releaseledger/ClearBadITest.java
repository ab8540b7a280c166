package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.releaseledger.deploy.MarkBadCommand;
import io.releaseledger.ledger.EventTypes;
import java.net.URL;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Clearing a bad mark on the Releases page: POST only, CSRF crumb, the ClearBad permission, recorded with the user.
 * The pages are read as Jenkins renders them, JavaScript off (the page's script is tested in a real browser).
 */
@WithJenkins
class ClearBadITest {
    private JenkinsRule r;
    private WorkflowJob job;

    @BeforeEach
    void setUp(final JenkinsRule rule) throws Exception {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        job = r.createProject(WorkflowJob.class, "shop");
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().toEveryone()
                .grant(ReleaseLedgerPermissions.CLEAR_BAD).onItems(job).to("alice"));
        MarkBadCommand.mark(ReleaseLedgers.get().ledger(job, "shop"), "1.4.0", "checkout broken").call();
    }

    private WebRequest clear() throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), job.getUrl() + "releases/shop/clearBad"), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("version", "1.4.0"),
                new NameValuePair("reason", "config fixed")));
        return request;
    }

    @Test
    void shouldRefuseAPostWithoutCrumb() throws Exception {
        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false).withThrowExceptionOnFailingStatusCode(false);
        web.login("alice");

        Page page = web.getPage(clear());

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(badVersions()).containsExactly("1.4.0");
    }

    @Test
    void shouldRefuseAGet() throws Exception {
        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false).withThrowExceptionOnFailingStatusCode(false);
        web.login("alice");

        Page page = web.goTo(job.getUrl() + "releases/shop/clearBad?version=1.4.0&reason=x", null);

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(405);
        assertThat(badVersions()).containsExactly("1.4.0");
    }

    @Test
    void shouldRefuseAUserWithoutThePermissionAndShowHimNoForm() throws Exception {
        // releases.js runs in real Chromium (cli's ReleasesPageBrowserTest); the forms are plain markup.
        JenkinsRule.WebClient web = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withJavaScriptEnabled(false);
        web.login("bob");

        HtmlPage releases = web.getPage(job, "releases/");
        assertThat(releases.getForms()).noneMatch(form -> form.getActionAttribute().endsWith("clearBad"));
        Page page = web.getPage(web.addCrumb(clear()));

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(badVersions()).containsExactly("1.4.0");
    }

    @Test
    void shouldClearWithCrumbAndPermissionAndRecordTheUser() throws Exception {
        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false);
        web.login("alice");

        HtmlPage releases = web.getPage(job, "releases/");
        assertThat(releases.getForms()).anyMatch(form -> form.getActionAttribute().endsWith("releases/shop/clearBad"));
        web.getPage(web.addCrumb(clear()));

        assertThat(badVersions()).isEmpty();
        Map<String, Object> history = ReleaseLedgers.get().view(job, "shop").releaseHistory("1.4.0", 0, 10);
        assertThat(history.get("entries").toString()).contains(EventTypes.RELEASE_BAD_CLEARED).contains("alice")
                .contains("config fixed");
    }

    private List<Object> badVersions() {
        List<?> bad = (List<?>) ReleaseLedgers.get().view(job, "shop").state().get("badReleases");
        return bad.stream().map(entry -> ((Map<?, ?>) entry).get("version")).map(Object.class::cast).toList();
    }
}
