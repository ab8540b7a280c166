package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

public abstract class ArgumentsAction {
    @CheckForNull
    public static String getStepArgumentsAsString(@NonNull FlowNode n) {
        throw new UnsupportedOperationException("stand-in");
    }
}
