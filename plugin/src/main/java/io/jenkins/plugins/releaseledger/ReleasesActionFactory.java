package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** A Releases page on every job. Called often: it only reads the in-memory job index. */
@Extension
@SuppressWarnings("rawtypes") // the raw Job is how core matches every job type
public final class ReleasesActionFactory extends TransientActionFactory<Job> {
    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull final Job target) {
        return List.of(new ReleasesAction(target, ReleaseLedgers.get().applicationsOf(target.getFullName())));
    }
}
