package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;
import hudson.model.Saveable;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

import java.io.IOException;
import java.util.List;

public abstract class FlowNode extends Actionable implements Saveable {
    protected FlowNode(FlowExecution exec, String id, List<FlowNode> parents) {
    }

    protected FlowNode(FlowExecution exec, String id, FlowNode... parents) {
    }

    protected abstract String getTypeDisplayName();

    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }
}
