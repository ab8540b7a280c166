package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import jenkins.model.TransientActionFactory;

/**
 * A Releases page on the jobs that recorded events for an application, and on no other job. Core asks on every
 * action lookup of every job: the answer comes from the in-memory job index, with no I/O per call.
 */
@Extension
@SuppressWarnings("rawtypes") // the raw Job is how core matches every job type
public final class ReleasesActionFactory extends TransientActionFactory<Job> {
    private final Function<Job<?, ?>, List<String>> applications;

    public ReleasesActionFactory() {
        this(job -> ReleaseLedgers.get().applicationsOf(job.getFullName()));
    }

    /** For tests: the applications of a job from somewhere else than the controller's ledgers. */
    ReleasesActionFactory(final Function<Job<?, ?>, List<String>> applications) {
        this.applications = applications;
    }

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    /** Lookups of any other action type, e.g. {@code getAction(ParametersAction.class)}, skip this factory. */
    @Override
    public Class<ReleasesAction> actionType() {
        return ReleasesAction.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull final Job target) {
        List<String> touched = applications.apply(target);
        return touched.isEmpty() ? List.of() : List.of(new ReleasesAction(target, touched));
    }
}
