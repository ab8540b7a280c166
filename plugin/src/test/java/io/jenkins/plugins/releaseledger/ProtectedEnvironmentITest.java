package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import java.util.Set;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.authorizeproject.AuthorizeProjectProperty;
import org.jenkinsci.plugins.authorizeproject.ProjectQueueItemAuthenticator;
import org.jenkinsci.plugins.authorizeproject.strategy.SpecificUsersAuthorizationStrategy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The permission check of a protected environment, before anything changes. A dry run against an environment whose
 * only host does not exist: when the check lets the step through, it fails later at the agent (no Docker there), so
 * each test tells "refused by the permission" from "got past it" by the message.
 */
@WithJenkins
class ProtectedEnvironmentITest {
    private static final String DESCRIPTOR = """
            schemaVersion: 1
            application: shop
            image: 127.0.0.1:1/shop
            environments:
              - name: production
                protected: true
                hosts: [tcp://127.0.0.1:1]
            """;
    private static final String REFUSED = "may not deploy to the protected environment 'production'";

    private JenkinsRule r;
    private WorkflowJob job;

    @BeforeEach
    void setUp(final JenkinsRule rule) throws Exception {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        for (String user : new String[] {"alice", "bob", "deployer"}) {
            User.getById(user, true); // known users: the step looks them up without creating them
        }
        job = r.createProject(WorkflowJob.class, "shop");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'release-ledger.yaml', text: '''%s'''
                  deployStage environment: 'production', version: '1.4.0', dryRun: true
                }
                """.formatted(DESCRIPTOR), true));
    }

    /** Computer.BUILD too: a build that runs as a user (Authorize Project) needs it for its node {} to start. */
    private MockAuthorizationStrategy everyoneBuilds() {
        return new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD).everywhere().toEveryone()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin");
    }

    @Test
    void shouldRefuseWithoutAUserBehindTheBuildAndNameAuthorizeProject() throws Exception {
        r.jenkins.setAuthorizationStrategy(everyoneBuilds());

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("Authorize Project", build);
        assertThat(build.getAction(ReleaseLedgerRunAction.class)).isNull();
    }

    @Test
    void shouldRefuseTheUserWhoStartedTheBuildWithoutThePermission() throws Exception {
        r.jenkins.setAuthorizationStrategy(everyoneBuilds());

        WorkflowRun build = r.assertBuildStatus(Result.FAILURE,
                job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("bob"))));

        r.assertLogContains("bob " + REFUSED, build);
    }

    @Test
    void shouldLetTheUserWhoStartedTheBuildWithThePermissionThrough() throws Exception {
        r.jenkins.setAuthorizationStrategy(everyoneBuilds()
                .grant(ReleaseLedgerPermissions.DEPLOY_PROTECTED).onItems(job).to("alice"));

        WorkflowRun build = r.assertBuildStatus(Result.FAILURE,
                job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))));

        r.assertLogContains("deployStage: alice may deploy to the protected environment production", build);
        r.assertLogNotContains(REFUSED, build);
    }

    @Test
    void shouldCheckTheIdentityAuthorizeProjectGivesTheBuild() throws Exception {
        r.jenkins.setAuthorizationStrategy(everyoneBuilds()
                .grant(ReleaseLedgerPermissions.DEPLOY_PROTECTED).onItems(job).to("deployer"));
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(new ProjectQueueItemAuthenticator(
                Set.of(r.jenkins.getDescriptor(SpecificUsersAuthorizationStrategy.class).getId()), Set.of()));
        job.addProperty(new AuthorizeProjectProperty(new SpecificUsersAuthorizationStrategy("deployer")));

        WorkflowRun build = r.assertBuildStatus(Result.FAILURE,
                job.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("bob"))));

        r.assertLogContains("deployStage: deployer may deploy to the protected environment production", build);
        r.assertLogNotContains(REFUSED, build);
    }
}
