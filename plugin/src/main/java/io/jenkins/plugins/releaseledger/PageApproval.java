package io.jenkins.plugins.releaseledger;

import io.releaseledger.deploy.ApproveCommand;
import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.policy.EnvironmentPolicy;
import java.util.List;

/**
 * Approving or rejecting a waiting release from the Releases page: who (the signed-in user and their groups), where
 * from (the job's Releases page), the comment and the exact release go into the ledger, then the steps waiting for
 * it are woken. Jenkins-free; {@link ApplicationReleases#doApprove} checks the permission, Jenkins the CSRF crumb.
 */
final class PageApproval {
    private PageApproval() {
    }

    /**
     * @return what was done, for people
     * @throws DeploymentException when the environment is blank, needs no approvals, nothing waits for that release,
     *         the user is not an approver or would approve their own release; nothing is recorded then
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    static String decide(final Ledger ledger, final EnvironmentPolicy policy, final boolean granted,
            final String version, final String digest, final String comment, final String userId,
            final String userName, final List<String> groups, final String jobFullName, final String rootUrl,
            final String token) {
        if (DeployOptions.blankToNull(policy.getEnvironment()) == null) {
            throw new DeploymentException("Name the environment whose release you " + (granted ? "approve." : "reject."));
        }
        String done = new ApproveCommand(ledger, policy, version, granted).setDigest(digest).setComment(comment)
                .setActor(BuildIdentity.actor(userId, userName)).setGroups(groups)
                .setOrigin(ClearBad.origin(jobFullName, rootUrl, token))
                .call();
        ApprovalWaits.get().wake(ledger.getApplication(), policy.getEnvironment());
        return done;
    }
}
