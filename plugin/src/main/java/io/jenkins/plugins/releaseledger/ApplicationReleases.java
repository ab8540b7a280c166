package io.jenkins.plugins.releaseledger;

import hudson.model.Job;

/** {@code <job>/releases/<token>/}: the Releases page of one application the job touched. */
public final class ApplicationReleases {
    private final ReleasesAction action;
    private final String application;

    ApplicationReleases(final ReleasesAction action, final String application) {
        this.action = action;
        this.application = application;
    }

    public ReleasesAction getAction() {
        return action;
    }

    public Job<?, ?> getJob() {
        return action.getJob();
    }

    public String getApplication() {
        return application;
    }

    /** This application's path segment below {@code releases/}. */
    public String getToken() {
        return Applications.urlToken(application);
    }

    /** {@code api/state}, {@code api/history}, {@code api/verify}. */
    public ReleasesApi getApi() {
        return new ReleasesApi(action.getJob(), application);
    }
}
