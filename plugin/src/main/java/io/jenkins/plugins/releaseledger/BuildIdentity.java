package io.jenkins.plugins.releaseledger;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Origin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Who did it and which build: the actor and origin of the events a build records. Jenkins-free, for the tests. */
final class BuildIdentity {
    static final String SYSTEM_ID = "jenkins";
    static final String SYSTEM_NAME = "Jenkins";
    /** Set by branch sources (GitHub, GitLab, Bitbucket …) in builds of pull/merge requests. */
    static final String CHANGE_ID = "CHANGE_ID";

    private BuildIdentity() {
    }

    /** A user (the build's identity or its starter), else Jenkins itself (SCM, timer, upstream … as SYSTEM). */
    static Actor actor(final String userId, final String userName) {
        if (userId == null || userId.isBlank()) {
            return new Actor(SYSTEM_ID, SYSTEM_NAME);
        }
        return new Actor(userId, userName == null || userName.isBlank() ? userId : userName);
    }

    static Origin origin(final String jobFullName, final int number, final String rootUrl, final String buildUrl,
            final boolean changeRequest) {
        return Origin.build(jobFullName, number, absolute(rootUrl, buildUrl), changeRequest);
    }

    /**
     * A build of a change request: its SCM head says so. {@code CHANGE_ID} can only add to that (a job outside
     * multibranch that builds pull requests may set it); emptying it with {@code withEnv} changes nothing.
     */
    static boolean isChangeRequest(final boolean headIsChangeRequest, final Map<String, String> environment) {
        String changeId = environment == null ? null : environment.get(CHANGE_ID);
        return headIsChangeRequest || changeId != null && !changeId.isBlank();
    }

    /** The build's URL below the configured root URL; the relative URL when no root URL is configured. */
    static String absolute(final String rootUrl, final String buildUrl) {
        if (rootUrl == null || rootUrl.isBlank()) {
            return buildUrl;
        }
        return rootUrl.endsWith("/") ? rootUrl + buildUrl : rootUrl + "/" + buildUrl;
    }

    /**
     * The job's URL from its full name ({@code shop/main} → {@code job/shop/job/main/}): the same in every view,
     * unlike {@code Job.getUrl()}, which inside a request answers relative to the view the user came through.
     */
    static String jobUrl(final String jobFullName) {
        StringBuilder url = new StringBuilder();
        for (String name : jobFullName.split("/")) {
            url.append("job/").append(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")).append('/');
        }
        return url.toString();
    }
}
