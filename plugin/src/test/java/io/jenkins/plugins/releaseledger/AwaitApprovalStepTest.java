package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.junit.jupiter.api.Test;

/**
 * What workflow-step-api needs of a step that waits outside {@code node} and survives a restart, checked without
 * Jenkins (workflow-step-api read at 0773c3c: {@code StepDescriptor.getRequiredContext}, {@code StepExecution}).
 */
class AwaitApprovalStepTest {
    @Test
    void shouldNeedNoWorkspaceOrLauncherSoThatItRunsOutsideNode() {
        // A required Launcher (and in practice FilePath) makes Pipeline refuse the step outside node {…}.
        assertThat(AwaitApprovalStep.REQUIRED_CONTEXT).containsExactlyInAnyOrder(Run.class, TaskListener.class)
                .doesNotContain(FilePath.class, Launcher.class, EnvVars.class);
    }

    @Test
    void shouldTakeNoBody() throws Exception {
        // takesImplicitBlockArgument() defaults to false in StepDescriptor: the step must not override it.
        assertThat(declares(AwaitApprovalStep.DescriptorImpl.class, "takesImplicitBlockArgument")).isFalse();
        assertThat(AwaitApprovalStep.DescriptorImpl.class.getSuperclass()).isEqualTo(StepDescriptor.class);
    }

    @Test
    void shouldWaitAsynchronouslyAndResumeAfterARestart() throws Exception {
        // SynchronousNonBlockingStepExecution holds a thread and fails in onResume(); a plain StepExecution whose
        // start() returns false waits without one, and onResume() is where it registers again.
        assertThat(AwaitApprovalExecution.class.getSuperclass()).isEqualTo(StepExecution.class)
                .isNotEqualTo(SynchronousNonBlockingStepExecution.class);
        assertThat(AwaitApprovalExecution.class.getDeclaredMethod("start").getReturnType()).isEqualTo(boolean.class);
        assertThat(declares(AwaitApprovalExecution.class, "onResume")).isTrue();
        assertThat(declares(AwaitApprovalExecution.class, "getStatus")).isTrue();
        assertThat(AwaitApprovalExecution.class.getDeclaredMethod("stop", Throwable.class)).isNotNull();
    }

    @Test
    void shouldKeepItsStateInSerializableJdkFields() {
        List<String> persisted = new ArrayList<>();
        for (Field field : AwaitApprovalExecution.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) {
                continue;
            }
            assertThat(field.getType()).as(field.getName()).isEqualTo(String.class);
            persisted.add(field.getName());
        }
        assertThat(persisted).contains("application", "environment", "version", "digest", "actorId", "origin", "since");
    }

    @Test
    void shouldNameEveryMissingParameter() {
        assertThat(new AwaitApprovalStep(" ", null, "").problems()).containsExactly(
                "application is required (the name in release-ledger.yaml; outside node there is no workspace to "
                        + "read it from)", "environment is required", "version is required");
        AwaitApprovalStep step = new AwaitApprovalStep("shop", "production", "1.5.0");
        step.setDigest(" ");
        assertThat(step.problems()).isEmpty();
        assertThat(step.getDigest()).isNull();
        assertThat(AwaitApprovalStep.label("production", "1.5.0")).isEqualTo("production ← 1.5.0");
    }

    @Test
    void shouldTellAStepWaitingInsideNodeHowToFreeTheExecutor() {
        assertThat(DeploymentExecution.waitingLine("promote", "shop", "production", "1.5.0", "sha256:ab",
                "0 of 1 approvals; waiting for 1 more")).isEqualTo("promote: waiting for approval of 1.5.0 (sha256:ab) "
                + "for production: 0 of 1 approvals; waiting for 1 more. Approve or reject it on the job's Releases "
                + "page; an abort or timeout stops the wait. This step holds the node's executor while it waits: to "
                + "wait without one, put awaitApproval application: 'shop', environment: 'production', version: "
                + "'1.5.0' before the node block (see docs/governance.md).");
    }

    private static boolean declares(final Class<?> type, final String method) {
        for (var declared : type.getDeclaredMethods()) {
            if (declared.getName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
