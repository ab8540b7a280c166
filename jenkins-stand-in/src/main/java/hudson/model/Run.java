package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.kohsuke.stapler.export.ExportedBean;

@ExportedBean
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    @Override
    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stand-in");
    }
}
