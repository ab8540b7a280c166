package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.kohsuke.stapler.export.ExportedBean;

@ExportedBean
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    public @CheckForNull <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull JobT getParent() {
        throw new UnsupportedOperationException("stand-in");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull String getUrl() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void setResult(@NonNull Result r) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stand-in");
    }
}
