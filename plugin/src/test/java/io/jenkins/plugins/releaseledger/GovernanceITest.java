package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventDraft;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
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
 * Approvals and freeze windows in Jenkins: the controller's settings, the promote step waiting for an approval (ended
 * by its {@code timeout}), the Releases page's approve form (POST, crumb, Approve permission, a denied user), and a
 * freeze window refusing the step. The production host does not exist: a step that gets past the policy fails later
 * at the agent, so each test tells the policy's answer from "got past it" by the log.
 */
@WithJenkins
class GovernanceITest {
    private static final String DIGEST = "sha256:" + "e".repeat(64);
    private static final String DESCRIPTOR = """
            schemaVersion: 1
            application: shop
            image: 127.0.0.1:1/shop
            environments:
              - name: staging
                hosts: [tcp://127.0.0.1:1]
              - name: production
                promotesFrom: staging
                hosts: [tcp://127.0.0.1:1]
            """;

    private JenkinsRule r;
    private WorkflowJob job;

    @BeforeEach
    void setUp(final JenkinsRule rule) throws Exception {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        for (String user : new String[] {"alice", "bob", "carol"}) {
            User.getById(user, true);
        }
        job = r.createProject(WorkflowJob.class, "shop");
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD).everywhere().toEveryone()
                .grant(ReleaseLedgerPermissions.DEPLOY_PROTECTED).onItems(job).to("alice")
                .grant(ReleaseLedgerPermissions.APPROVE).onItems(job).to("bob"));
        Ledger ledger = ReleaseLedgers.get().ledger(job, "shop");
        Origin origin = Origin.cli("ci", "test");
        Actor ci = new Actor("ci", null);
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, ci, origin).setEnvironment("staging")
                .setData(Map.of("deploymentId", "d1", "version", "1.5.0",
                        "image", Map.of("repository", "127.0.0.1:1/shop", "tag", "1.5.0", "digest", DIGEST))));
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ci, origin).setEnvironment("staging")
                .setData(Map.of("deploymentId", "d1", "version", "1.5.0")));
    }

    private void configure(final FreezeWindowSetting... windows) {
        ProtectedEnvironment production = new ProtectedEnvironment("production");
        production.setRequiredApprovals(1);
        production.setApprovers("bob\ncarol");
        production.setFreezeWindows(List.of(windows));
        ApplicationPolicy shop = new ApplicationPolicy("shop");
        shop.setProtectedEnvironments(List.of(production));
        ReleaseLedgerConfiguration.get().setApplications(List.of(shop));
    }

    private void pipeline(final String step) throws Exception {
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'release-ledger.yaml', text: '''%s'''
                  %s
                }
                """.formatted(DESCRIPTOR, step), true));
    }

    private WorkflowRun startedByAlice(final Result expected) throws Exception {
        return r.assertBuildStatus(expected, job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))));
    }

    private List<String> productionEvents() {
        return ReleaseLedgers.get().ledger(job, "shop").events("production").stream().map(LedgerEvent::getType).toList();
    }

    private WebRequest approve(final String comment) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), job.getUrl() + "releases/shop/approve"), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("environment", "production"),
                new NameValuePair("version", "1.5.0"), new NameValuePair("digest", DIGEST),
                new NameValuePair("comment", comment)));
        return request;
    }

    @Test
    void shouldWaitForApprovalShowingWhomItWaitsForUntilTheTimeoutThenGoOnOnceApproved() throws Exception {
        configure();
        pipeline("timeout(time: 15, unit: 'SECONDS') { promote to: 'production', version: '1.5.0' }");

        WorkflowRun waited = startedByAlice(Result.ABORTED);

        r.assertLogContains("promote: waiting for approval of 1.5.0 (" + DIGEST + ") for production: 0 of 1 approvals;"
                + " waiting for 1 more from bob, carol", waited);
        assertThat(productionEvents()).containsExactly(EventTypes.APPROVAL_REQUESTED);

        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false);
        web.login("bob");
        HtmlPage releases = web.getPage(job, "releases/");
        assertThat(releases.getForms()).anyMatch(form -> form.getActionAttribute().endsWith("releases/shop/approve"));
        web.getPage(web.addCrumb(approve("migration reviewed")));
        assertThat(productionEvents()).containsExactly(EventTypes.APPROVAL_REQUESTED, EventTypes.APPROVAL_GRANTED);

        WorkflowRun approved = startedByAlice(Result.FAILURE); // past the policy, then no Docker at 127.0.0.1:1
        r.assertLogNotContains("waiting for approval", approved);
        assertThat(productionEvents()).doesNotContainSequence(EventTypes.APPROVAL_GRANTED, EventTypes.APPROVAL_REQUESTED);
    }

    @Test
    void shouldShowNoFormToADeniedUserAndRefuseTheirPost() throws Exception {
        configure();
        ReleaseLedgers.get().ledger(job, "shop").append(new EventDraft(EventTypes.APPROVAL_REQUESTED,
                new Actor("alice", null), Origin.cli("alice", "test")).setEnvironment("production")
                .setData(Map.of("version", "1.5.0", "digest", DIGEST, "required", 1L, "approvers", List.of("bob"))));
        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false)
                .withThrowExceptionOnFailingStatusCode(false);
        web.login("carol"); // named as approver, but without the Approve permission

        HtmlPage releases = web.getPage(job, "releases/");
        assertThat(releases.getForms()).noneMatch(form -> form.getActionAttribute().endsWith("approve"));
        Page page = web.getPage(web.addCrumb(approve("looks fine")));

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(productionEvents()).containsExactly(EventTypes.APPROVAL_REQUESTED);
    }

    @Test
    void shouldRefuseAnApprovalWithoutCrumbAndOneForAnotherRelease() throws Exception {
        configure();
        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false)
                .withThrowExceptionOnFailingStatusCode(false);
        web.login("bob");

        assertThat(web.getPage(approve("x")).getWebResponse().getStatusCode()).isEqualTo(403);
        Page other = web.getPage(web.addCrumb(approve("x")));

        assertThat(other.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(other.getWebResponse().getContentAsString()).contains("Nothing waits for approval in production");
        assertThat(productionEvents()).isEmpty();
    }

    @Test
    void shouldRefuseAPromoteInsideAFreezeWindowAndLetAnOverrideWithThePermissionThrough() throws Exception {
        FreezeWindowSetting always = new FreezeWindowSetting("migration");
        always.setFrom("2020-01-01T00:00:00Z");
        always.setTo("2099-01-01T00:00:00Z");
        configure(always);
        pipeline("promote to: 'production', version: '1.5.0'");

        WorkflowRun frozen = startedByAlice(Result.FAILURE);
        r.assertLogContains("Refusing to promote 1.5.0 to production: the freeze window 'migration'", frozen);
        r.assertLogContains("holds until 2099-01-01T00:00:00Z", frozen);
        assertThat(productionEvents()).isEmpty();

        pipeline("promote to: 'production', version: '1.5.0', overrideFreeze: 'payment outage'");
        WorkflowRun denied = startedByAlice(Result.FAILURE);
        r.assertLogContains("promote: alice may not override freeze windows", denied);
        assertThat(productionEvents()).isEmpty();
    }

    @Test
    void shouldRefuseToSaveABadWindowAndKeepTheConfiguration() {
        configure();
        FreezeWindowSetting bad = new FreezeWindowSetting("weekend");
        bad.setCron("0 18 * FRI");
        bad.setDuration("62h");

        assertThatThrownBy(() -> configure(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Freeze window 'weekend': The cron expression '0 18 * FRI' is not valid");
        assertThat(ReleaseLedgerConfiguration.get().getApplications()).singleElement()
                .satisfies(shop -> assertThat(shop.getProtectedEnvironments().get(0).getFreezeWindows()).isEmpty());
    }
}
