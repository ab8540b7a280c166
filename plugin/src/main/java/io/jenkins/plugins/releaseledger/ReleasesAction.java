package io.jenkins.plugins.releaseledger;

import hudson.model.Action;
import hudson.model.Job;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <job>/releases/}: the Releases page of the applications the job recorded events for, the first one shown
 * ({@code releases/api/…} is its API), the others at {@code releases/<application>/}.
 */
public final class ReleasesAction implements Action {
    private final Job<?, ?> job;
    private final List<ApplicationReleases> applications = new ArrayList<>();

    ReleasesAction(final Job<?, ?> job, final List<String> applications) {
        this.job = job;
        for (String application : applications) {
            this.applications.add(new ApplicationReleases(this, application));
        }
    }

    public Job<?, ?> getJob() {
        return job;
    }

    public List<ApplicationReleases> getApplications() {
        return List.copyOf(applications);
    }

    /** The application shown at {@code releases/}; {@code null} when the job recorded nothing yet. */
    public ApplicationReleases getFirst() {
        return applications.isEmpty() ? null : applications.get(0);
    }

    /** {@code releases/api/…}: the first application's API; 404 when there is none. */
    public ReleasesApi getApi() {
        ApplicationReleases first = getFirst();
        return first == null ? null : first.getApi();
    }

    /** {@code releases/<token>/}: one application of this job; anything else is a 404. */
    public ApplicationReleases getDynamic(final String token) {
        for (ApplicationReleases application : applications) {
            if (application.getToken().equals(token)) {
                return application;
            }
        }
        return null;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "Releases";
    }

    @Override
    public String getUrlName() {
        return "releases";
    }
}
