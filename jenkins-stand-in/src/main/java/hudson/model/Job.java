package hudson.model;

import hudson.search.QuickSilver;
import java.io.IOException;
import org.kohsuke.stapler.export.Exported;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {

    public void addProperty(JobProperty<? super JobT> jobProp) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    @Exported
    @QuickSilver
    public RunT getLastBuild() {
        throw new UnsupportedOperationException("stand-in");
    }
}
