package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import java.net.URL;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Rolling back from the Releases page: POST, crumb, the Rollback permission; the job is started with the user as its
 * cause and the request in its environment, which the Jenkinsfile hands to its rollback step. Written, not run here.
 */
@WithJenkins
class PageRollbackITest {
    private JenkinsRule r;
    private WorkflowJob job;

    @BeforeEach
    void setUp(final JenkinsRule rule) throws Exception {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        job = r.createProject(WorkflowJob.class, "shop");
        // Echo only: the rollback step itself is covered by the deploy ITests; here what the build is given.
        job.setDefinition(new CpsFlowDefinition("echo \"rollback ${env.RELEASE_LEDGER_ROLLBACK_ENVIRONMENT} to "
                + "${env.RELEASE_LEDGER_ROLLBACK_VERSION}: ${env.RELEASE_LEDGER_ROLLBACK_REASON}\"", true));
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().toEveryone()
                .grant(ReleaseLedgerPermissions.ROLLBACK).onItems(job).to("alice"));
        Ledger ledger = ReleaseLedgers.get().ledger(job, "shop");
        for (String version : List.of("1.0.0", "1.1.0")) {
            Actor ci = new Actor("ci", null);
            Origin origin = Origin.cli("ci", "controller");
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, ci, origin).setEnvironment("production")
                    .setData(Map.of("deploymentId", version, "version", version,
                            "image", Map.of("repository", "registry.example/shop", "digest", "sha256:" + version))));
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ci, origin).setEnvironment("production")
                    .setData(Map.of("deploymentId", version, "version", version)));
        }
    }

    private WebRequest rollback(final String reason) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), job.getUrl() + "releases/shop/rollback"), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("environment", "production"),
                new NameValuePair("reason", reason)));
        return request;
    }

    @Test
    void shouldRefuseAPostWithoutCrumb() throws Exception {
        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false).withThrowExceptionOnFailingStatusCode(false);
        web.login("alice");

        Page page = web.getPage(rollback("checkout broken"));

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        r.waitUntilNoActivity();
        assertThat(job.getLastBuild()).isNull();
    }

    @Test
    void shouldRefuseAUserWithoutThePermissionAndGiveHisPageNoRollbackForm() throws Exception {
        JenkinsRule.WebClient web = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withJavaScriptEnabled(false);
        web.login("bob");

        HtmlPage releases = web.getPage(job, "releases/");
        assertThat(releases.getWebResponse().getContentAsString()).doesNotContain("data-rollback");
        Page page = web.getPage(web.addCrumb(rollback("checkout broken")));

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        r.waitUntilNoActivity();
        assertThat(job.getLastBuild()).isNull();
    }

    @Test
    void shouldRefuseARollbackWithoutReasonAndStartNothing() throws Exception {
        JenkinsRule.WebClient web = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withJavaScriptEnabled(false);
        web.login("alice");

        Page page = web.getPage(web.addCrumb(rollback(" ")));

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(page.getWebResponse().getContentAsString()).contains("Give the reason for the rollback of production");
        r.waitUntilNoActivity();
        assertThat(job.getLastBuild()).isNull();
    }

    @Test
    void shouldStartTheJobAsTheUserWithTheRequestInItsEnvironment() throws Exception {
        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false);
        web.login("alice");

        HtmlPage releases = web.getPage(job, "releases/");
        assertThat(releases.getWebResponse().getContentAsString()).contains("data-rollback=\"")
                .contains("releases/shop/rollback");
        web.getPage(web.addCrumb(rollback("checkout broken")));
        r.waitUntilNoActivity();

        WorkflowRun run = job.getLastBuild();
        assertThat(run).isNotNull();
        PageRollbackCause cause = run.getCause(PageRollbackCause.class);
        assertThat(cause).isNotNull();
        assertThat(cause.getUserId()).isEqualTo("alice");
        assertThat(cause.getEnvironment()).isEqualTo("production");
        assertThat(cause.getVersion()).isEqualTo("1.0.0");
        r.assertLogContains("rollback production to 1.0.0: checkout broken", run);
    }
}
