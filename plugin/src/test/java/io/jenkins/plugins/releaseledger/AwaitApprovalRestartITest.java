package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.releaseledger.ledger.EventTypes;
import io.releaseledger.policy.EnvironmentPolicy;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * {@code awaitApproval} across a controller restart: the wait resumes ({@code onResume}) and ends on an approval given
 * after the restart. Written, not run here.
 */
class AwaitApprovalRestartITest {
    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void shouldGoOnWaitingAfterARestartAndEndOnceApproved() throws Throwable {
        sessions.then(r -> {
            WorkflowJob job = AwaitApprovalITest.prepare(r);
            WorkflowRun run = AwaitApprovalITest.startByAlice(job);
            r.waitForMessage("awaitApproval: waiting for approval of 1.5.0", run);
        });
        sessions.then(r -> {
            WorkflowJob job = r.jenkins.getItemByFullName("shop", WorkflowJob.class);
            WorkflowRun run = job.getLastBuild();
            EnvironmentPolicy policy = GovernanceSettings.policy(ReleaseLedgerConfiguration.get().application("shop"),
                    "production");

            PageApproval.decide(ReleaseLedgers.get().ledger(job, "shop"), policy, true, "1.5.0",
                    AwaitApprovalITest.DIGEST, "after the restart", "bob", "Bob", List.of(), "shop", null, "shop");

            r.assertBuildStatus(Result.SUCCESS, r.waitForCompletion(run));
            r.assertLogContains("approved: 1 of 1 (Bob)", run);
            assertThat(AwaitApprovalITest.productionEvents(job)).containsExactly(EventTypes.APPROVAL_REQUESTED,
                    EventTypes.APPROVAL_GRANTED);
        });
    }
}
