package io.jenkins.plugins.releaseledger;

import io.releaseledger.deploy.MarkBadCommand;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.Origin;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Clearing a bad mark from the Releases page: who (the signed-in user) and where from (the job's Releases page,
 * an origin of kind {@code jenkins} without a build number). Jenkins-free; {@link ApplicationReleases#doClearBad}
 * checks the permission and the CSRF crumb has been checked by Jenkins before.
 */
final class ClearBad {
    private ClearBad() {
    }

    /**
     * @throws io.releaseledger.deploy.DeploymentException when the version or reason is blank, or the version is not
     *                                                      marked bad; the message says so
     */
    static void clear(final Ledger ledger, final String version, final String reason, final String userId,
            final String userName, final String jobFullName, final String rootUrl, final String token) {
        MarkBadCommand.clear(ledger, DeployOptions.blankToNull(version), DeployOptions.blankToNull(reason))
                .setActor(BuildIdentity.actor(userId, userName))
                .setOrigin(origin(jobFullName, rootUrl, token))
                .call();
    }

    /**
     * The page's address from the job's full name, never from {@code Job.getUrl()}: inside a request that answers
     * relative to the view the user came through ({@code view/All/job/shop/}), which would end up in the ledger.
     */
    static Origin origin(final String jobFullName, final String rootUrl, final String token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", Origin.JENKINS);
        json.put("job", jobFullName);
        json.put("url", BuildIdentity.absolute(rootUrl, BuildIdentity.jobUrl(jobFullName) + "releases/" + token + "/"));
        return Origin.fromJson(json);
    }
}
