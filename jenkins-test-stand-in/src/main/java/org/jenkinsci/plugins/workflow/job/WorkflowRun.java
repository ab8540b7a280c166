package org.jenkinsci.plugins.workflow.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Queue;
import hudson.model.Run;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> implements Queue.Executable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @CheckForNull FlowExecution getExecution() {
        throw new UnsupportedOperationException("stand-in");
    }
}
