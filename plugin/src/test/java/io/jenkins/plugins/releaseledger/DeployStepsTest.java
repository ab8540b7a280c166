package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults the snippet generator leaves out (null/false), required parameters, and the steps' own labels. */
class DeployStepsTest {
    @Test
    void shouldReturnDefaultsAsNullOrFalse() {
        DeployStageStep deploy = new DeployStageStep("staging", "1.4.0");
        assertThat(deploy.getTag()).isNull();
        assertThat(deploy.isAllowDowngrade()).isFalse();
        assertThat(deploy.isDryRun()).isFalse();
        assertThat(deploy.getReleaseBranch()).isNull();
        assertThat(deploy.getDescriptorFile()).isNull();
        assertThat(deploy.getRegistryCredentialsId()).isNull();
        assertThat(deploy.getLockTimeout()).isNull();

        PromoteStep promote = new PromoteStep("production");
        assertThat(promote.getFrom()).isNull();
        assertThat(promote.getVersion()).isNull();
        assertThat(promote.isDryRun()).isFalse();
        assertThat(promote.getReleaseBranch()).isNull();

        RollbackStep rollback = new RollbackStep("production", "checkout broken");
        assertThat(rollback.getVersion()).isNull();
        assertThat(rollback.getDescriptorFile()).isNull();
    }

    @Test
    void shouldTurnBlankTextIntoTheDefault() {
        DeployStageStep deploy = new DeployStageStep(" staging ", "1.4.0");
        deploy.setTag(" ");
        deploy.setDescriptorFile("");
        deploy.setRegistryCredentialsId(" ");
        deploy.setLockTimeout(" ");
        assertThat(deploy.getEnvironment()).isEqualTo("staging");
        assertThat(deploy.getTag()).isNull();
        assertThat(deploy.getDescriptorFile()).isNull();
        assertThat(deploy.getRegistryCredentialsId()).isNull();
        assertThat(deploy.getLockTimeout()).isNull();
    }

    @Test
    void shouldNameMissingRequiredParameters() {
        assertThat(new DeployStageStep("", null).problems()).containsExactly("environment is required",
                "version is required");
        assertThat(new PromoteStep(" ").problems()).singleElement().asString().startsWith("to ");
        assertThat(new RollbackStep("production", " ").problems()).singleElement().asString().startsWith("reason is required");
        DeployStageStep badTimeout = new DeployStageStep("staging", "1.4.0");
        badTimeout.setLockTimeout("soon");
        assertThat(badTimeout.problems()).singleElement().asString().contains("'soon'");
        assertThat(new DeployStageStep("staging", "1.4.0").problems()).isEmpty();
    }

    @Test
    void shouldLabelEachStepAsItsDescriptorDoes() {
        PromoteStep promote = new PromoteStep("production");
        promote.setFrom("staging");
        assertThat(promote.label()).isEqualTo("production ← staging");
        assertThat(new DeployStageStep("staging", "1.4.0").label()).isEqualTo("staging ← 1.4.0");
        RollbackStep rollback = new RollbackStep("production", "broken");
        rollback.setVersion("1.3.2");
        assertThat(rollback.label()).isEqualTo("production ↩ 1.3.2");
    }

    @Test
    void shouldUseTheReleaseBranchOnlyForDeploysAndPromotions() {
        Map<String, String> main = Map.of("BRANCH_NAME", "main");
        assertThat(new DeployStageStep("staging", "1.4.0").releaseBranch(main)).isTrue();
        assertThat(new PromoteStep("production").releaseBranch(main)).isTrue();
        assertThat(new RollbackStep("production", "broken").releaseBranch(main)).isFalse();
        DeployStageStep explicit = new DeployStageStep("staging", "1.4.0");
        explicit.setReleaseBranch(false);
        assertThat(explicit.releaseBranch(main)).isFalse();
    }
}
