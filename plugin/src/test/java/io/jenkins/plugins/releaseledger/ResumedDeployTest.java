package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.releaseledger.ledger.Actor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.Test;

/**
 * A deploy step resumed after a controller restart (workflow-step-api's default for a synchronous execution fails
 * with {@code SynchronousResumeNotSupportedException} and says nothing else): it tells the user, tries to reconcile,
 * and never throws, so the execution always ends the step with the message it returns.
 */
class ResumedDeployTest {
    @Test
    void shouldTellTheUserAndEndTheStepEvenWhenTheReconcileCannotStart() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AtomicReference<Object> completed = new AtomicReference<>();
        StepContext context = new StepContext() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(final Class<T> key) {
                if (key == TaskListener.class) {
                    return (T) (TaskListener) () -> new PrintStream(log, true, StandardCharsets.UTF_8);
                }
                return null; // the workspace is gone with its agent
            }

            @Override
            public void onSuccess(final Object result) {
                completed.set(result);
            }

            @Override
            public void onFailure(final Throwable t) {
                completed.set(t);
            }
        };

        String failure = new ResumedDeploy("deployStage", null, Map.of(), "staging", null, new Actor("alice", "Alice"),
                "staging ← 1.4.0 (shop #7)").reconcile(context);

        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("the controller restarted while deployStage staging ← 1.4.0 (shop #7) ran")
                .contains("Reconciling staging now").contains("reconciling staging after the restart failed")
                .contains("The next deploy of staging reconciles it");
        assertThat(failure).startsWith("deployStage: the controller restarted");
        assertThat(completed.get()).as("the execution completes the step with the message").isNull();
    }
}
