package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.junit.jupiter.api.Test;

/**
 * A stopped deploy keeps its step open until the environment is put back. workflow-step-api's
 * {@code SynchronousNonBlockingStepExecution.stop} cancels the task (interrupting the thread) and then calls
 * {@code StepExecution.stop}, which completes the step with the cause at once; workflow-cps' {@code CpsThread.stop}
 * gives {@code stop} 30 s. So the deploy overrides {@code stop} without calling the default, and returns at once.
 */
class StopGraceTest {
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void shouldInterruptTheThreadOnceAndEndTheStepWhenTheThreadHasPutTheEnvironmentBack() throws Exception {
        StopGrace grace = new StopGrace(Duration.ofMinutes(5));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch restoring = new CountDownLatch(1);
        CountDownLatch restored = new CountDownLatch(1);
        AtomicReference<Throwable> endedWith = new AtomicReference<>();
        Thread deploy = new Thread(() -> {
            grace.enter();
            entered.countDown();
            try {
                Thread.sleep(60_000); // the agent cycling servers
            } catch (InterruptedException e) {
                restoring.countDown();
                try {
                    restored.await(); // the restore, which a second interrupt must not cut short
                } catch (InterruptedException again) {
                    log.add("interrupted twice");
                }
            }
            endedWith.set(grace.finish());
        });
        deploy.start();
        entered.await();
        Exception cause = new InterruptedException("Aborted by alice");

        boolean open = grace.stop(cause, log::add, () -> log.add("overdue"));
        assertThat(restoring.await(10, TimeUnit.SECONDS)).isTrue();
        boolean second = grace.stop(new InterruptedException("again"), log::add, () -> log.add("overdue"));

        assertThat(open).as("the step stays open").isTrue();
        assertThat(second).isTrue();
        assertThat(deploy.isAlive()).isTrue();
        restored.countDown();
        deploy.join(10_000);
        assertThat(endedWith.get()).as("the step ends with the first cause").isSameAs(cause);
        assertThat(log).doesNotContain("interrupted twice", "overdue");
        assertThat(log.get(0)).startsWith("stopping: putting the environment back");
        assertThat(log.get(1)).startsWith("already stopping");
        assertThat(grace.isOverdue()).isFalse();
    }

    @Test
    void shouldEndTheStepWithoutTheThreadOnceTheBoundIsOver() throws Exception {
        StopGrace grace = new StopGrace(Duration.ofMillis(50));
        CountDownLatch overdue = new CountDownLatch(1);
        grace.enter();

        assertThat(grace.stop(new InterruptedException("timeout"), log::add, overdue::countDown)).isTrue();
        Thread.interrupted();

        assertThat(overdue.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(grace.isOverdue()).isTrue();
    }

    @Test
    void shouldCompleteAtOnceAndNeverStartWhenStoppedBeforeTheThreadStarted() {
        StopGrace grace = new StopGrace(Duration.ofMinutes(5));
        Exception cause = new InterruptedException("Aborted");

        assertThat(grace.stop(cause, log::add, () -> { })).as("nothing runs: complete now").isFalse();
        assertThat(grace.enter()).as("the late thread must not deploy").isSameAs(cause);
    }

    @Test
    void shouldCompleteAtOnceWhenStoppedAfterTheThreadEnded() {
        StopGrace grace = new StopGrace(Duration.ofMinutes(5));
        grace.enter();
        assertThat(grace.finish()).isNull();

        assertThat(grace.stop(new InterruptedException("late"), log::add, () -> { })).isFalse();
    }

    @Test
    void shouldOverrideTheStopAndResumeOfThePipelineExecution() throws Exception {
        Method stop = DeploymentExecution.class.getDeclaredMethod("stop", Throwable.class);
        Method onResume = DeploymentExecution.class.getDeclaredMethod("onResume");

        assertThat(Modifier.isPublic(stop.getModifiers())).isTrue();
        assertThat(stop.getExceptionTypes()).containsExactly(Exception.class);
        assertThat(Modifier.isPublic(onResume.getModifiers())).isTrue();
        // The real methods they replace (workflow-step-api): both are overridable, not final.
        assertThat(Modifier.isFinal(SynchronousNonBlockingStepExecution.class.getMethod("stop", Throwable.class)
                .getModifiers())).isFalse();
        assertThat(StepExecution.class.getMethod("onResume").getDeclaringClass()).isEqualTo(StepExecution.class);
    }

    @Test
    void shouldLaunchTheRestoreWithAnotherNodeCookieSoTheNodeBlocksCleanUpSparesIt() {
        Map<String, String> build = Map.of("JENKINS_NODE_COOKIE", "3f2a-cookie", "PATH", "/usr/bin");

        assertThat(ControllerSetup.survivingEnvironment(build)).containsEntry("JENKINS_NODE_COOKIE", "dontKillMe")
                .containsEntry("PATH", "/usr/bin");
    }
}
