package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.User;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.Origin;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlElement;
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
 * The Releases page driven as a browser drives it (HtmlUnit with JavaScript on, as jenkins-test-harness offers it):
 * the approver fills the page's own approval form and clicks its button, so Jenkins' script adds the crumb; the
 * rollback form is the one the page's script builds from the API. A denied user gets neither form, and the same POST
 * sent with their own session and crumb is refused and records nothing. Written, not run here.
 */
@WithJenkins
class ReleasesPageBrowserITest {
    private static final String DIGEST = "sha256:" + "d".repeat(64);
    /** How long the page's script may take to load the API and draw the environments. */
    private static final long SCRIPT_MILLIS = 10_000;

    private JenkinsRule r;
    private WorkflowJob job;

    @BeforeEach
    void setUp(final JenkinsRule rule) throws Exception {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        for (String user : new String[] {"alice", "bob", "mallory"}) {
            User.getById(user, true);
        }
        job = r.createProject(WorkflowJob.class, "shop");
        job.setDefinition(new CpsFlowDefinition("echo \"rollback ${env.RELEASE_LEDGER_ROLLBACK_ENVIRONMENT} to "
                + "${env.RELEASE_LEDGER_ROLLBACK_VERSION}: ${env.RELEASE_LEDGER_ROLLBACK_REASON}\"", true));
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().toEveryone()
                .grant(ReleaseLedgerPermissions.APPROVE, ReleaseLedgerPermissions.ROLLBACK).onItems(job).to("bob"));
        ProtectedEnvironment production = new ProtectedEnvironment("production");
        production.setRequiredApprovals(1);
        production.setApprovers("bob\nmallory");
        ApplicationPolicy shop = new ApplicationPolicy("shop");
        shop.setProtectedEnvironments(List.of(production));
        ReleaseLedgerConfiguration.get().setApplications(List.of(shop));

        Ledger ledger = ReleaseLedgers.get().ledger(job, "shop");
        Actor ci = new Actor("ci", null);
        Origin origin = Origin.cli("ci", "controller");
        for (String version : List.of("1.4.0", "1.5.0")) {
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, ci, origin).setEnvironment("production")
                    .setData(Map.of("deploymentId", version, "version", version,
                            "image", Map.of("repository", "registry.example/shop", "digest", DIGEST))));
            ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ci, origin).setEnvironment("production")
                    .setData(Map.of("deploymentId", version, "version", version)));
        }
        // alice's build asks for production's approval of 1.6.0, as awaitApproval records it
        ApprovalLook.at(ledger, GovernanceSettings.policy(shop, "production"), "1.6.0", DIGEST,
                new Actor("alice", "alice"), Origin.build("shop", 7, r.getURL() + "job/shop/7/", false),
                Instant.now().minusSeconds(60));
    }

    private JenkinsRule.WebClient browserOf(final String user) throws Exception {
        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(true)
                .withThrowExceptionOnFailingStatusCode(false);
        web.login(user);
        return web;
    }

    private HtmlPage releasesPage(final JenkinsRule.WebClient web) throws Exception {
        HtmlPage page = web.getPage(job, "releases/");
        web.waitForBackgroundJavaScript(SCRIPT_MILLIS);
        return page;
    }

    private List<String> productionEvents() {
        return ReleaseLedgers.get().ledger(job, "shop").events("production").stream().map(LedgerEvent::getType).toList();
    }

    private WebRequest post(final String action, final NameValuePair... parameters) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), job.getUrl() + "releases/shop/" + action), HttpMethod.POST);
        request.setRequestParameters(List.of(parameters));
        return request;
    }

    @Test
    void shouldApproveThroughThePagesOwnFormAsAPermittedUser() throws Exception {
        try (JenkinsRule.WebClient bob = browserOf("bob")) {
            HtmlPage page = releasesPage(bob);
            HtmlElement comment = page.querySelector("form.rl-approval-form input[name=comment]");
            HtmlElement approve = page.querySelector("form.rl-approval-form button.jenkins-button--primary");
            assertThat(comment).as("the approval form is shown to bob").isNotNull();

            comment.type("migration reviewed");
            Page after = approve.click();

            assertThat(after.getWebResponse().getStatusCode()).isLessThan(400);
            assertThat(productionEvents()).contains(EventTypes.APPROVAL_GRANTED);
            assertThat(ReleaseLedgers.get().ledger(job, "shop").events("production")).filteredOn(
                    event -> EventTypes.APPROVAL_GRANTED.equals(event.getType())).singleElement().satisfies(event -> {
                        assertThat(event.getActor().getId()).isEqualTo("bob");
                        assertThat(event.getData()).containsEntry("version", "1.6.0").containsEntry("digest", DIGEST);
                    });
        }
    }

    @Test
    void shouldShowNoApprovalFormToADeniedUserAndRefuseTheirPost() throws Exception {
        try (JenkinsRule.WebClient mallory = browserOf("mallory")) {
            HtmlPage page = releasesPage(mallory);
            assertThat((HtmlElement) page.querySelector("form.rl-approval-form")).isNull();

            Page refused = mallory.getPage(mallory.addCrumb(post("approve",
                    new NameValuePair("environment", "production"), new NameValuePair("version", "1.6.0"),
                    new NameValuePair("digest", DIGEST), new NameValuePair("comment", "looks fine"))));

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(productionEvents()).doesNotContain(EventTypes.APPROVAL_GRANTED);
        }
    }

    @Test
    void shouldRollBackThroughTheFormThePagesScriptBuildsAsAPermittedUser() throws Exception {
        try (JenkinsRule.WebClient bob = browserOf("bob")) {
            HtmlPage page = releasesPage(bob);
            HtmlElement reason = page.querySelector("form.rl-rollback-form[data-environment=production] "
                    + "input[name=reason]");
            HtmlElement button = page.querySelector("form.rl-rollback-form[data-environment=production] "
                    + "button.rl-rollback-button");
            assertThat(reason).as("the script drew the rollback form").isNotNull();

            reason.type("checkout broken");
            button.click();
            r.waitUntilNoActivity();

            WorkflowRun run = job.getLastBuild();
            assertThat(run).isNotNull();
            PageRollbackCause cause = run.getCause(PageRollbackCause.class);
            assertThat(cause).isNotNull();
            assertThat(cause.getUserId()).isEqualTo("bob");
            r.assertLogContains("rollback production to 1.4.0: checkout broken", run);
        }
    }

    @Test
    void shouldDrawNoRollbackFormForADeniedUserAndRefuseTheirPost() throws Exception {
        try (JenkinsRule.WebClient mallory = browserOf("mallory")) {
            HtmlPage page = releasesPage(mallory);
            assertThat((HtmlElement) page.querySelector("form.rl-rollback-form")).isNull();

            Page refused = mallory.getPage(mallory.addCrumb(post("rollback",
                    new NameValuePair("environment", "production"), new NameValuePair("reason", "checkout broken"))));
            r.waitUntilNoActivity();

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(job.getLastBuild()).as("no build started").isNull();
        }
    }
}
