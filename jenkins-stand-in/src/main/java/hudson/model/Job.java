package hudson.model;

import java.io.IOException;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {

    public void addProperty(JobProperty<? super JobT> jobProp) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }
}
