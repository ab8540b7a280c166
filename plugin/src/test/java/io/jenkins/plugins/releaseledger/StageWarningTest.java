package io.jenkins.plugins.releaseledger;

import hudson.model.Action;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class StageWarningTest {
    @Test
    void shouldPutAnUnstableWarningWithTheMessageOnTheStepsNode() {
        RecordingNode node = new RecordingNode();

        StageWarning.unstable(node, "driftCheck: production has drifted");

        assertThat(node.actions).singleElement().isInstanceOfSatisfying(WarningAction.class, warning -> {
            assertThat(warning.getResult()).isSameAs(Result.UNSTABLE);
            assertThat(warning.getMessage()).isEqualTo("driftCheck: production has drifted");
        });
    }

    @Test
    void shouldLeaveOutTheNodeWhenTheContextHasNone() {
        assertThatCode(() -> StageWarning.unstable(null, "driftCheck: production has drifted"))
                .doesNotThrowAnyException();
    }

    /** A node that keeps what is added to it (the real node stores actions through its execution). */
    private static final class RecordingNode extends FlowNode {
        private final List<Action> actions = new ArrayList<>();

        RecordingNode() {
            super(null, "7");
        }

        @Override
        public boolean addOrReplaceAction(final Action a) {
            actions.add(a);
            return true;
        }

        @Override
        protected String getTypeDisplayName() {
            return "step";
        }
    }
}
