package io.jenkins.plugins.releaseledger;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Origin;
import java.util.Map;

/** Who did it and which build: the actor and origin of the events a build records. Jenkins-free, for the tests. */
final class BuildIdentity {
    static final String SYSTEM_ID = "jenkins";
    static final String SYSTEM_NAME = "Jenkins";
    /** Set by branch sources (GitHub, GitLab, Bitbucket …) in builds of pull/merge requests. */
    static final String CHANGE_ID = "CHANGE_ID";

    private BuildIdentity() {
    }

    /** The user who started the build ({@code Cause.UserIdCause}), else Jenkins itself (SCM, timer, upstream …). */
    static Actor actor(final String userId, final String userName) {
        if (userId == null || userId.isBlank()) {
            return new Actor(SYSTEM_ID, SYSTEM_NAME);
        }
        return new Actor(userId, userName == null || userName.isBlank() ? userId : userName);
    }

    static Origin origin(final String jobFullName, final int number, final String rootUrl, final String buildUrl,
            final Map<String, String> environment) {
        return Origin.build(jobFullName, number, absolute(rootUrl, buildUrl), isChangeRequest(environment));
    }

    static boolean isChangeRequest(final Map<String, String> environment) {
        String changeId = environment.get(CHANGE_ID);
        return changeId != null && !changeId.isBlank();
    }

    /** The build's URL below the configured root URL; the relative URL when no root URL is configured. */
    static String absolute(final String rootUrl, final String buildUrl) {
        if (rootUrl == null || rootUrl.isBlank()) {
            return buildUrl;
        }
        return rootUrl.endsWith("/") ? rootUrl + buildUrl : rootUrl + "/" + buildUrl;
    }
}
