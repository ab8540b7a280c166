package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployOptionsTest {
    @Test
    void shouldReadTheOverridesParameterByKeyLaterOnesWinning() {
        assertThat(DeployOptions.overrides(java.util.List.of("environments.staging.strategy=recreate", "image=a=b",
                "environments.staging.strategy=rolling"))).containsExactly(
                Map.entry("environments.staging.strategy", "rolling"), Map.entry("image", "a=b"));
        assertThat(DeployOptions.overrides(null)).isEmpty();
        assertThatThrownBy(() -> DeployOptions.overrides(java.util.List.of("image")))
                .hasMessage("overrides item 'image' is not path=value; write e.g. "
                        + "'environments.staging.strategy=recreate'");
    }

    @Test
    void shouldDropBlankOverridesAndKeepNoneAsTheDefault() {
        DeployStageStep step = new DeployStageStep("staging", "1.0.0");
        step.setOverrides(java.util.List.of(" ", "image=x "));
        assertThat(step.getOverrides()).containsExactly("image=x");
        step.setOverrides(java.util.List.of(""));
        assertThat(step.getOverrides()).isNull();
    }
    @Test
    void shouldLabelADeployWithEnvironmentAndVersion() {
        assertThat(DeployOptions.deployLabel(Map.of("environment", "staging", "version", "1.4.0")))
                .isEqualTo("staging ← 1.4.0");
        assertThat(DeployOptions.deployLabel(Map.of("environment", "staging"))).isEqualTo("staging");
        assertThat(DeployOptions.deployLabel(Map.of("version", "1.4.0", "dryRun", true))).isEqualTo("1.4.0");
    }

    @Test
    void shouldLabelAPromotionWithItsSource() {
        assertThat(DeployOptions.promoteLabel(Map.of("to", "production", "from", "staging")))
                .isEqualTo("production ← staging");
        assertThat(DeployOptions.promoteLabel(Map.of("to", "production", "version", "1.4.0")))
                .isEqualTo("production ← 1.4.0");
        assertThat(DeployOptions.promoteLabel(Map.of("to", "production", "from", "staging", "version", "1.4.0")))
                .isEqualTo("production ← staging (1.4.0)");
        assertThat(DeployOptions.promoteLabel(Map.of("to", "production"))).isEqualTo("production");
        assertThat(DeployOptions.promoteLabel(Map.of("from", "staging"))).isNull();
    }

    @Test
    void shouldLabelARollbackWithItsTarget() {
        assertThat(DeployOptions.rollbackLabel(Map.of("environment", "production", "reason", "checkout broken",
                "version", "1.3.2"))).isEqualTo("production ↩ 1.3.2");
        assertThat(DeployOptions.rollbackLabel(Map.of("environment", "production", "reason", "x")))
                .isEqualTo("production ↩ previous");
    }

    @Test
    void shouldIgnoreArgumentsThatAreNotText() {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("environment", 42);
        arguments.put("version", " ");
        assertThat(DeployOptions.deployLabel(arguments)).isNull();
    }

    @Test
    void shouldReadLockTimeouts() {
        assertThat(DeployOptions.duration(null)).isNull();
        assertThat(DeployOptions.duration("0")).isEqualTo(Duration.ZERO);
        assertThat(DeployOptions.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DeployOptions.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DeployOptions.duration(" 5m ")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DeployOptions.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DeployOptions.duration("PT90S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void shouldRefuseWhatIsNotADuration() {
        assertThatThrownBy(() -> DeployOptions.duration("five minutes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'five minutes'");
        assertThatThrownBy(() -> DeployOptions.duration("-PT1M")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DeployOptions.validate("5 min")).singleElement().asString().contains("lockTimeout");
        assertThat(DeployOptions.validate(null)).isEmpty();
    }

    @Test
    void shouldDetectTheReleaseBranchFromBranchNameUnlessGiven() {
        assertThat(DeployOptions.releaseBranch(null, Map.of("BRANCH_NAME", "main"))).isTrue();
        assertThat(DeployOptions.releaseBranch(null, Map.of("BRANCH_NAME", "master"))).isTrue();
        assertThat(DeployOptions.releaseBranch(null, Map.of("BRANCH_NAME", "feature/x"))).isFalse();
        assertThat(DeployOptions.releaseBranch(null, Map.of())).isFalse();
        assertThat(DeployOptions.releaseBranch(true, Map.of())).isTrue();
        assertThat(DeployOptions.releaseBranch(false, Map.of("BRANCH_NAME", "main"))).isFalse();
    }

    @Test
    void shouldDefaultTheDescriptorPath() {
        assertThat(DeployOptions.descriptorPath(null)).isEqualTo("release-ledger.yaml");
        assertThat(DeployOptions.descriptorPath("deploy/shop.yaml")).isEqualTo("deploy/shop.yaml");
        assertThat(DeployOptions.blankToNull("  ")).isNull();
        assertThat(DeployOptions.blankToNull(" x ")).isEqualTo("x");
    }
}
