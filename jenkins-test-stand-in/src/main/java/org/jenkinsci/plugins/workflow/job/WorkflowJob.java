package org.jenkinsci.plugins.workflow.job;

import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.TopLevelItem;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun>
        implements ParameterizedJobMixIn.ParameterizedJob<WorkflowJob, WorkflowRun>, TopLevelItem, Queue.FlyweightTask {
    public FlowDefinition getDefinition() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void setDefinition(FlowDefinition definition) {
        throw new UnsupportedOperationException("stand-in");
    }
}
