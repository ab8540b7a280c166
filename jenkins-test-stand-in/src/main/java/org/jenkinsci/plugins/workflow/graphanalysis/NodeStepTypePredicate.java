package org.jenkinsci.plugins.workflow.graphanalysis;

import com.google.common.base.Predicate;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

public final class NodeStepTypePredicate implements Predicate<FlowNode> {
    public NodeStepTypePredicate(@NonNull String functionName) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public boolean apply(@Nullable FlowNode input) {
        throw new UnsupportedOperationException("stand-in");
    }
}
