package io.jenkins.plugins.releaseledger;

import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** deployStage, promote and rollback: the snippet generator writes what the steps read back, and omits defaults. */
@WithJenkins
class DeploySnippetITest {
    @Test
    void shouldRoundTripTheRequiredParametersOnly(final JenkinsRule r) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);
        snippets.assertRoundTrip(new DeployStageStep("staging", "1.4.0"), "deployStage environment: 'staging', version: '1.4.0'");
        snippets.assertRoundTrip(new PromoteStep("production"), "promote 'production'");
        snippets.assertRoundTrip(new RollbackStep("production", "checkout broken"),
                "rollback environment: 'production', reason: 'checkout broken'");
    }

    @Test
    void shouldRoundTripEveryDeployParameter(final JenkinsRule r) throws Exception {
        DeployStageStep step = new DeployStageStep("staging", "1.4.0");
        step.setAllowDowngrade(true);
        step.setDescriptorFile("deploy/shop.yaml");
        step.setDryRun(true);
        step.setLockTimeout("30s");
        step.setOverrides(java.util.List.of("environments.staging.strategy=recreate"));
        step.setRegistryCredentialsId("registry");
        step.setReleaseBranch(false);
        step.setTag("1.4.0-amd64");

        new SnippetizerTester(r).assertRoundTrip(step, "deployStage allowDowngrade: true, descriptorFile: 'deploy/shop.yaml', "
                + "dryRun: true, environment: 'staging', lockTimeout: '30s', "
                + "overrides: ['environments.staging.strategy=recreate'], registryCredentialsId: 'registry', "
                + "releaseBranch: false, tag: '1.4.0-amd64', version: '1.4.0'");
    }

    @Test
    void shouldRoundTripEveryPromoteAndRollbackParameter(final JenkinsRule r) throws Exception {
        PromoteStep promote = new PromoteStep("production");
        promote.setFrom("staging");
        promote.setVersion("1.4.0");
        promote.setDryRun(true);
        promote.setReleaseBranch(true);
        RollbackStep rollback = new RollbackStep("production", "checkout broken");
        rollback.setVersion("1.3.2");
        rollback.setLockTimeout("0");

        SnippetizerTester snippets = new SnippetizerTester(r);
        snippets.assertRoundTrip(promote, "promote dryRun: true, from: 'staging', releaseBranch: true, to: 'production', "
                + "version: '1.4.0'");
        snippets.assertRoundTrip(rollback, "rollback environment: 'production', lockTimeout: '0', "
                + "reason: 'checkout broken', version: '1.3.2'");
    }

    /** The form as the snippet generator posts it: a select left at its default posts "", which must not mean false. */
    @Test
    void shouldLeaveTriStatesAtTheirDefaultOutOfTheGeneratedSnippet(final JenkinsRule r) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);
        String deploy = "{'stapler-class': '" + DeployStageStep.class.getName() + "', 'environment': 'staging', "
                + "'version': '1.4.0', 'allowDowngrade': false, 'dryRun': false, 'tag': '', 'descriptorFile': '', "
                + "'registryCredentialsId': '', 'lockTimeout': '', 'overrides': '', 'releaseBranch': '%s'}";
        snippets.assertGenerateSnippet(deploy.formatted(""), "deployStage environment: 'staging', version: '1.4.0'", null);
        snippets.assertGenerateSnippet(deploy.formatted("false"),
                "deployStage environment: 'staging', releaseBranch: false, version: '1.4.0'", null);
        String smoke = "{'stapler-class': '" + SmokeCheckStep.class.getName() + "', 'environment': 'staging', "
                + "'rollbackOnFailure': false, 'version': '', 'junitFile': '', 'descriptorFile': '', "
                + "'registryCredentialsId': '', 'lockTimeout': '', 'failFast': '%s'}";
        snippets.assertGenerateSnippet(smoke.formatted(""), "smokeCheck 'staging'", null);
        snippets.assertGenerateSnippet(smoke.formatted("true"), "smokeCheck environment: 'staging', failFast: true", null);
        String overrides = "{'stapler-class': '" + DeployStageStep.class.getName() + "', 'environment': 'staging', "
                + "'version': '1.4.0', 'overrides': 'environments.staging.strategy=recreate\\n\\nimage=reg:5000/x\\n'}";
        snippets.assertGenerateSnippet(overrides, "deployStage environment: 'staging', "
                + "overrides: ['environments.staging.strategy=recreate', 'image=reg:5000/x'], version: '1.4.0'", null);
    }

    @Test
    void shouldDescribeEveryParameterForTheDocumentation(final JenkinsRule r) throws Exception {
        SnippetizerTester.assertDocGeneration(DeployStageStep.class);
        SnippetizerTester.assertDocGeneration(PromoteStep.class);
        SnippetizerTester.assertDocGeneration(RollbackStep.class);
    }
}
