package org.jenkinsci.plugins.workflow.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.interceptor.RequirePOST;

public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> implements FlowExecutionOwner.Executable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @CheckForNull FlowExecution getExecution() {
        throw new UnsupportedOperationException("stand-in");
    }

    @RequirePOST
    public HttpResponse doStop() {
        throw new UnsupportedOperationException("stand-in");
    }
}
