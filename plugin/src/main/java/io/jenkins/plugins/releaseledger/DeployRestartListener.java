package io.jenkins.plugins.releaseledger;

import hudson.Extension;
import hudson.model.RestartListener;
import java.util.logging.Logger;

/** Holds a safe restart back while a deploy, promotion or rollback may have servers out of the load balancer. */
@Extension
public final class DeployRestartListener extends RestartListener {
    private static final Logger LOGGER = Logger.getLogger(DeployRestartListener.class.getName());

    @Override
    public boolean isReadyToRestart() {
        ActiveDeployments deployments = ActiveDeployments.get();
        if (deployments.isBusy()) {
            LOGGER.info(() -> "Release Ledger: waiting for " + String.join(", ", deployments.describeBusy())
                    + " before restarting");
            return false;
        }
        return true;
    }
}
