package io.jenkins.plugins.releaseledger;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.UnlockCommand;
import io.releaseledger.ledger.Ledger;

/**
 * Unlocking an environment from the Releases page: who (the signed-in user), where from (the job's Releases page) and
 * why go into the ledger. Only the lock is released (the controller reaches no Docker host): the next deploy
 * reconciles what the holder's deploy left, since its outcome is not recorded. Jenkins-free; {@link
 * ApplicationReleases#doUnlock} checks the permission, Jenkins the CSRF crumb.
 */
final class PageUnlock {
    private PageUnlock() {
    }

    /**
     * @return what was done, for people
     * @throws DeploymentException when the environment or the reason is blank, or the
     *         environment is not locked; the message says so
     */
    static String unlock(final Ledger ledger, final String environment, final String reason, final String userId,
            final String userName, final String jobFullName, final String rootUrl, final String token) {
        String target = DeployOptions.blankToNull(environment);
        if (target == null) {
            throw new DeploymentException("Name the environment to unlock.");
        }
        return new UnlockCommand(ledger, target, DeployOptions.blankToNull(reason))
                .setActor(BuildIdentity.actor(userId, userName))
                .setOrigin(ClearBad.origin(jobFullName, rootUrl, token))
                .call();
    }
}
