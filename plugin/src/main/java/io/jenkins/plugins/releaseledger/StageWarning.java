package io.jenkins.plugins.releaseledger;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Marks a step's stage unstable, not only its build: as workflow-basic-steps' {@code unstable} step does, a
 * {@link WarningAction} on the step's node is what turns the stage yellow in the stage view and Blue Ocean.
 */
final class StageWarning {
    private StageWarning() {
    }

    static void unstable(@CheckForNull final FlowNode node, final String message) {
        if (node != null) {
            node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
        }
    }
}
