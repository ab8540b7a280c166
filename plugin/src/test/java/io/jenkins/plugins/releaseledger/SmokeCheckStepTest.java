package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** smokeCheck's parameters, defaults the snippet generator leaves out, labels, the JUnit file rule and messages. */
class SmokeCheckStepTest {
    @Test
    void shouldReturnDefaultsAsNullOrFalse() {
        SmokeCheckStep step = new SmokeCheckStep("staging");
        assertThat(step.getEnvironment()).isEqualTo("staging");
        assertThat(step.getVersion()).isNull();
        assertThat(step.getDescriptorFile()).isNull();
        assertThat(step.getFailFast()).isNull();
        assertThat(step.isRollbackOnFailure()).isFalse();
        assertThat(step.getJunitFile()).isNull();
        assertThat(step.getRegistryCredentialsId()).isNull();
        assertThat(step.getLockTimeout()).isNull();
        assertThat(step.problems()).isEmpty();
    }

    @Test
    void shouldTurnBlankTextIntoTheDefault() {
        SmokeCheckStep step = new SmokeCheckStep(" staging ");
        step.setVersion(" ");
        step.setDescriptorFile("");
        step.setJunitFile(" ");
        step.setRegistryCredentialsId(" ");
        step.setLockTimeout("");
        assertThat(step.getEnvironment()).isEqualTo("staging");
        assertThat(step.getVersion()).isNull();
        assertThat(step.getDescriptorFile()).isNull();
        assertThat(step.getJunitFile()).isNull();
        assertThat(step.getRegistryCredentialsId()).isNull();
        assertThat(step.getLockTimeout()).isNull();
        assertThat(step.junitPath()).isEqualTo("release-ledger-smoke-staging.xml");
    }

    @Test
    void shouldNameEveryProblemBeforeAnythingRuns() {
        assertThat(new SmokeCheckStep(" ").problems()).containsExactly("environment is required");
        SmokeCheckStep step = new SmokeCheckStep("staging");
        step.setJunitFile("../outside.xml");
        step.setLockTimeout("soon");
        assertThat(step.problems()).hasSize(2).anySatisfy(problem -> assertThat(problem).contains("'../outside.xml'"))
                .anySatisfy(problem -> assertThat(problem).contains("'soon'"));
    }

    @Test
    void shouldKeepTheJUnitFileInsideTheWorkspace() {
        assertThat(SmokeCheckOptions.junitFileProblem(null)).isNull();
        assertThat(SmokeCheckOptions.junitFileProblem("reports/smoke.xml")).isNull();
        assertThat(SmokeCheckOptions.junitFileProblem("smoke.xml")).isNull();
        assertThat(SmokeCheckOptions.junitFileProblem("/tmp/smoke.xml")).contains("inside the workspace");
        assertThat(SmokeCheckOptions.junitFileProblem("C:\\smoke.xml")).contains("inside the workspace");
        assertThat(SmokeCheckOptions.junitFileProblem("reports/../../smoke.xml")).contains("inside the workspace");
        assertThat(SmokeCheckOptions.junitFileProblem("reports\\..\\x.xml")).contains("inside the workspace");
        assertThat(SmokeCheckOptions.junitFileProblem("reports/")).contains("directory");
    }

    @Test
    void shouldNameTheJUnitFileAfterTheEnvironmentUnlessGiven() {
        assertThat(SmokeCheckOptions.junitFile(null, "staging")).isEqualTo("release-ledger-smoke-staging.xml");
        assertThat(SmokeCheckOptions.junitFile(null, "eu/prod west")).isEqualTo("release-ledger-smoke-eu-prod-west.xml");
        assertThat(SmokeCheckOptions.junitFile(null, "..")).isEqualTo("release-ledger-smoke-env...xml");
        assertThat(SmokeCheckOptions.junitFile("reports/smoke.xml", "staging")).isEqualTo("reports/smoke.xml");
        SmokeCheckStep step = new SmokeCheckStep("production");
        step.setJunitFile("out/prod.xml");
        assertThat(step.junitPath()).isEqualTo("out/prod.xml");
    }

    @Test
    void shouldLabelTheStepWithTheEnvironmentAndVersion() {
        SmokeCheckStep step = new SmokeCheckStep("production");
        assertThat(step.label()).isEqualTo("production");
        step.setVersion("1.4.0");
        assertThat(step.label()).isEqualTo("production 1.4.0");
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("environment", "staging");
        assertThat(SmokeCheckOptions.label(arguments)).isEqualTo("staging");
        arguments.put("version", "1.4.0");
        arguments.put("rollbackOnFailure", true);
        assertThat(SmokeCheckOptions.label(arguments)).isEqualTo("staging 1.4.0");
        assertThat(SmokeCheckOptions.label(Map.of())).isNull();
    }

    private static Map<String, Object> result(final String name, final boolean passed) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", name);
        result.put("passed", passed);
        return result;
    }

    @Test
    void shouldNameEachFailedCheckOnceAndCountEveryFailedResult() {
        Map<String, Object> report = Map.of("results", List.of(result("home", true), result("admin denies", false),
                result("cart API", false), result("admin denies", false)));
        assertThat(SmokeCheckOptions.failedChecks(report)).containsExactly("admin denies", "cart API");
        assertThat(SmokeCheckOptions.failedCount(report)).isEqualTo(3);
        assertThat(SmokeCheckOptions.failedChecks(Map.of())).isEmpty();
        assertThat(SmokeCheckOptions.failedCount(null)).isZero();
    }

    @Test
    void shouldSayWhatFailedAndWhereTheEnvironmentWentBack() {
        assertThat(SmokeCheckOptions.failureMessage("smokeCheck", "production", "1.4.0", List.of("home", "cart API"),
                "1.3.2")).isEqualTo("smokeCheck: smoke checks of production (1.4.0) failed: home, cart API; production "
                + "was rolled back to 1.3.2");
        assertThat(SmokeCheckOptions.failureMessage("smokeCheck", "staging", null, List.of("home"), null))
                .isEqualTo("smokeCheck: smoke checks of staging failed: home");
    }

    @Test
    void shouldReturnOnlyJdkTypes() {
        Map<String, Object> value = SmokeCheckOptions.returnValue(true, "staging", "1.4.0", 0, null);
        assertThat(value.keySet()).containsExactly("passed", "environment", "version", "failed", "rolledBackTo");
        assertThat(value).containsEntry("passed", true).containsEntry("environment", "staging")
                .containsEntry("version", "1.4.0").containsEntry("failed", 0).containsEntry("rolledBackTo", null);
        assertThat(value).isInstanceOf(LinkedHashMap.class);
        value.values().forEach(v -> assertThat(v == null || v.getClass().getName().startsWith("java.")).isTrue());
    }
}
