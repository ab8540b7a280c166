package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code awaitApproval} in a real Pipeline, on a controller without executors (so it can only run outside
 * {@code node}): it waits and says whom for, the Releases page shows the release waiting, an approval there ends the
 * wait at once; an abort and a {@code timeout} stop it; a rejection fails it. Written, not run here.
 */
@WithJenkins
class AwaitApprovalITest {
    static final String DIGEST = "sha256:" + "f".repeat(64);

    private JenkinsRule r;
    private WorkflowJob job;

    @BeforeEach
    void setUp(final JenkinsRule rule) throws Exception {
        r = rule;
        job = prepare(r);
    }

    /** Security, the approval rule of production, and 1.5.0 deployed to staging (its digest is what is approved). */
    static WorkflowJob prepare(final JenkinsRule r) throws Exception {
        r.jenkins.setNumExecutors(0); // no executor at all: a step that needed node would never start
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        for (String user : new String[] {"alice", "bob", "carol"}) {
            User.getById(user, true);
        }
        WorkflowJob job = r.createProject(WorkflowJob.class, "shop");
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD).everywhere().toEveryone()
                .grant(ReleaseLedgerPermissions.APPROVE).onItems(job).to("bob", "carol"));
        ProtectedEnvironment production = new ProtectedEnvironment("production");
        production.setRequiredApprovals(1);
        production.setApprovers("bob\ncarol");
        ApplicationPolicy shop = new ApplicationPolicy("shop");
        shop.setProtectedEnvironments(List.of(production));
        ReleaseLedgerConfiguration.get().setApplications(List.of(shop));
        Ledger ledger = ReleaseLedgers.get().ledger(job, "shop");
        Origin origin = Origin.cli("ci", "test");
        Actor ci = new Actor("ci", null);
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_STARTED, ci, origin).setEnvironment("staging")
                .setData(Map.of("deploymentId", "d1", "version", "1.5.0",
                        "image", Map.of("repository", "127.0.0.1:1/shop", "tag", "1.5.0", "digest", DIGEST))));
        ledger.append(new EventDraft(EventTypes.DEPLOYMENT_SUCCEEDED, ci, origin).setEnvironment("staging")
                .setData(Map.of("deploymentId", "d1", "version", "1.5.0")));
        job.setDefinition(new CpsFlowDefinition("""
                def approval = awaitApproval application: 'shop', environment: 'production', version: '1.5.0'
                echo "approved by ${approval.approvedBy} for ${approval.digest}"
                """, true));
        return job;
    }

    static WorkflowRun startByAlice(final WorkflowJob job) throws Exception {
        return job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))).waitForStart();
    }

    static List<String> productionEvents(final WorkflowJob job) {
        return ReleaseLedgers.get().ledger(job, "shop").events("production").stream().map(LedgerEvent::getType).toList();
    }

    private WebRequest decide(final String action, final String comment) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), job.getUrl() + "releases/shop/" + action),
                HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("environment", "production"),
                new NameValuePair("version", "1.5.0"), new NameValuePair("digest", DIGEST),
                new NameValuePair("comment", comment)));
        return request;
    }

    @Test
    void shouldWaitWithoutAnExecutorShowItOnThePageAndEndOnceApprovedThere() throws Exception {
        WorkflowRun run = startByAlice(job);

        r.waitForMessage("awaitApproval: waiting for approval of 1.5.0 (" + DIGEST + ") for production: 0 of 1 "
                + "approvals; waiting for 1 more from bob, carol", run);
        assertThat(productionEvents(job)).containsExactly(EventTypes.APPROVAL_REQUESTED);
        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false);
        web.login("bob");
        HtmlPage releases = web.getPage(job, "releases/");
        assertThat(releases.getForms()).as("the release listed as waiting, with its approve form")
                .anyMatch(form -> form.getActionAttribute().endsWith("releases/shop/approve"));

        web.getPage(web.addCrumb(decide("approve", "migration reviewed")));

        r.assertBuildStatus(Result.SUCCESS, r.waitForCompletion(run));
        r.assertLogContains("awaitApproval: 1.5.0 (" + DIGEST + ") for production approved: 1 of 1 (bob).", run);
        r.assertLogContains("approved by [bob] for " + DIGEST, run);
    }

    @Test
    void shouldFailOnARejectionWithItsComment() throws Exception {
        WorkflowRun run = startByAlice(job);
        r.waitForMessage("awaitApproval: waiting for approval of 1.5.0", run);
        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false);
        web.login("carol");

        web.getPage(web.addCrumb(decide("reject", "needs the VAT fix")));

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(run));
        r.assertLogContains("was rejected by carol: needs the VAT fix", run);
    }

    @Test
    void shouldStopWaitingOnAnAbort() throws Exception {
        WorkflowRun run = startByAlice(job);
        r.waitForMessage("awaitApproval: waiting for approval of 1.5.0", run);

        run.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));
        assertThat(productionEvents(job)).as("the request stays for the next build").containsExactly(
                EventTypes.APPROVAL_REQUESTED);
    }

    @Test
    void shouldStopWaitingWhenAnEnclosingTimeoutEnds() throws Exception {
        job.setDefinition(new CpsFlowDefinition("""
                timeout(time: 5, unit: 'SECONDS') {
                  awaitApproval application: 'shop', environment: 'production', version: '1.5.0'
                }
                """, true));

        WorkflowRun run = startByAlice(job);

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));
        r.assertLogContains("awaitApproval: waiting for approval of 1.5.0", run);
    }
}
