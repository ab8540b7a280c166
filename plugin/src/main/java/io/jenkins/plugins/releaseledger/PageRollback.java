package io.jenkins.plugins.releaseledger;

import io.releaseledger.deploy.DeploymentException;
import io.releaseledger.deploy.RollbackCommand;
import io.releaseledger.ledger.Ledger;

/**
 * Rolling back from the Releases page, the Jenkins-free part: checks the request against the ledger (what the
 * {@code rollback} step would return to) before a build is started, so that a request that cannot succeed changes
 * nothing. {@link ApplicationReleases#doRollback} checks the permission (Jenkins the crumb) and starts the job.
 */
final class PageRollback {
    /** A reason is a line in the ledger and a build's environment variable, not a document. */
    static final int MAX_REASON = 500;

    private PageRollback() {
    }

    /**
     * @return the version the rollback returns to
     * @throws DeploymentException naming what is wrong: no environment, no reason, nothing to return to
     */
    static String check(final Ledger ledger, final String environment, final String version, final String reason) {
        String target = DeployOptions.blankToNull(environment);
        if (target == null) {
            throw new DeploymentException("Name the environment to roll back.");
        }
        String why = DeployOptions.blankToNull(reason);
        if (why == null) {
            throw new DeploymentException("Give the reason for the rollback of " + target + ": it is recorded and "
                    + "marks the replaced release bad.");
        }
        if (why.length() > MAX_REASON || why.contains("\n") || why.contains("\r")) {
            throw new DeploymentException("The reason for the rollback of " + target + " must be one line of at most "
                    + MAX_REASON + " characters.");
        }
        return RollbackCommand.target(ledger, target, DeployOptions.blankToNull(version));
    }

    /** How the build's cause reads: who asked, what, and why. */
    static String describe(final String userId, final String environment, final String version, final String reason) {
        return "Rollback of " + environment + " to " + version + " requested on the Releases page by "
                + (userId == null ? "an unknown user" : userId) + ": " + reason;
    }
}
