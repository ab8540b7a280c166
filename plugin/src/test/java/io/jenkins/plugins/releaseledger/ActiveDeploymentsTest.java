package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActiveDeploymentsTest {
    private final ActiveDeployments deployments = new ActiveDeployments();

    @Test
    void shouldNotBlockARestartBeforeThePlanNorAfterTheEnd() {
        ActiveDeployments.Entry entry = deployments.open("deployStage staging ← 1.4.0 (shop #3)");
        assertThat(deployments.isBusy()).isFalse();

        entry.planned();
        assertThat(deployments.isBusy()).isTrue();
        assertThat(deployments.describeBusy()).containsExactly("deployStage staging ← 1.4.0 (shop #3)");

        entry.close();
        assertThat(deployments.isBusy()).isFalse();
        assertThat(deployments.describeBusy()).isEmpty();
    }

    @Test
    void shouldStayBusyWhileAnyPlannedExecutionRuns() {
        try (ActiveDeployments.Entry first = deployments.open("first");
                ActiveDeployments.Entry second = deployments.open("second")) {
            first.planned();
            second.planned();
            first.close();
            assertThat(deployments.isBusy()).isTrue();
            assertThat(deployments.describeBusy()).containsExactly("second");
        }
        assertThat(deployments.isBusy()).isFalse();
    }

    @Test
    void shouldReleaseTheRestartWhenTheExecutionFails() {
        try (ActiveDeployments.Entry entry = deployments.open("promote production")) {
            entry.planned();
            throw new IllegalStateException("agent died");
        } catch (IllegalStateException expected) {
            assertThat(deployments.isBusy()).isFalse();
        }
    }
}
